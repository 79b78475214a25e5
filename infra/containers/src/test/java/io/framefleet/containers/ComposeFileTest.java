package io.framefleet.containers;

import io.framefleet.contracts.Topics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compose file, checked offline against what it wires together: the services' ports from
 * their application.properties, the topics of the contracts, the buckets the services use, the
 * Kafka image's readiness file and the images infra/docker builds.
 */
class ComposeFileTest {

    static Map<String, Object> compose;
    static Map<String, Object> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws IOException {
        try (Reader reader = Files.newBufferedReader(FleetImages.dockerDir().resolve("compose.yaml"))) {
            compose = new Yaml().load(reader);
        }
        services = (Map<String, Object>) compose.get("services");
    }

    @Test
    void shouldRunEveryServiceOnItsOwnPortAgainstKafkaAndMinio() {
        for (var entry : FleetImages.SERVICE_PORTS.entrySet()) {
            String name = entry.getKey();
            Map<String, Object> service = map(services, name);
            assertThat((String) service.get("image")).as(name).startsWith("framefleet/" + name + ":");
            Map<String, Object> env = map(service, "environment");
            assertThat(String.valueOf(env.get("QUARKUS_HTTP_PORT"))).as(name + " port").isEqualTo(String.valueOf(entry.getValue()));
            assertThat(env.get("KAFKA_BOOTSTRAP_SERVERS")).as(name).isEqualTo("kafka:" + kafkaEnv("KAFKA_PORT"));
            assertThat(env.get("FRAMEFLEET_STORAGE_TYPE")).isEqualTo("s3");
            assertThat(env.get("FRAMEFLEET_STORAGE_ENDPOINT")).isEqualTo("http://minio:9000");
            assertThat(env.get("FRAMEFLEET_STORAGE_PATH_STYLE")).isEqualTo("true");
            assertThat(env).containsKeys("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION",
                    "FRAMEFLEET_BUCKETS_INBOX", "FRAMEFLEET_BUCKETS_WORK", "FRAMEFLEET_BUCKETS_OUTPUTS");
            String traces = String.valueOf(env.get("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"));
            assertThat(traces).as(name + " sends spans to a compose service's OTLP port").matches("http://[a-z]+:4317");
            assertThat(services).containsKey(traces.substring("http://".length(), traces.lastIndexOf(':')));
            Map<String, Object> dependsOn = map(service, "depends_on");
            assertThat(map(dependsOn, "kafka").get("condition")).isEqualTo("service_healthy");
            assertThat(map(dependsOn, "minio-init").get("condition")).isEqualTo("service_completed_successfully");
        }
    }

    @Test
    void shouldAdvertiseKafkaUnderItsServiceNameAndWaitForItsTopics() throws IOException {
        Map<String, Object> kafka = map(services, "kafka");
        assertThat(kafkaEnv("KAFKA_ADVERTISED_HOST")).isEqualTo("kafka");
        String node = Files.readString(FleetImages.dockerDir().resolve("kafka/KafkaNode.java"));
        Matcher readyFile = Pattern.compile("TOPICS_READY = Path.of\\(\"([^\"]+)\"\\)").matcher(node);
        assertThat(readyFile.find()).as("KafkaNode names its readiness file").isTrue();
        assertThat(map(kafka, "healthcheck").get("test")).isEqualTo(List.of("CMD", "test", "-f", readyFile.group(1)));
    }

    @Test
    void shouldSendInboxUploadsFromMinioToTheUploadsTopic() {
        Map<String, Object> env = map(map(services, "minio"), "environment");
        String target = null;
        for (var e : env.entrySet()) {
            if (e.getKey().startsWith("MINIO_NOTIFY_KAFKA_TOPIC_")) {
                assertThat(e.getValue()).isEqualTo(Topics.UPLOAD_NOTIFICATIONS);
                target = e.getKey().substring("MINIO_NOTIFY_KAFKA_TOPIC_".length());
            }
        }
        assertThat(target).as("a MinIO Kafka notification target").isNotNull();
        assertThat(env.get("MINIO_NOTIFY_KAFKA_ENABLE_" + target)).isEqualTo("on");
        assertThat(env.get("MINIO_NOTIFY_KAFKA_BROKERS_" + target)).isEqualTo("kafka:" + kafkaEnv("KAFKA_PORT"));

        String init = String.join(" ", list(map(services, "minio-init"), "command"));
        Map<String, Object> serviceEnv = map(map(services, "ingest"), "environment");
        for (String bucket : List.of("FRAMEFLEET_BUCKETS_INBOX", "FRAMEFLEET_BUCKETS_WORK", "FRAMEFLEET_BUCKETS_OUTPUTS")) {
            assertThat(init).as("mc makes " + bucket).containsPattern("mc mb [^;]*fleet/" + serviceEnv.get(bucket) + "\\b");
        }
        // "put" is mc's name for s3:ObjectCreated:*; the ARN's id is the target the environment enables.
        assertThat(init).containsPattern("mc event add [^;]*fleet/" + serviceEnv.get("FRAMEFLEET_BUCKETS_INBOX")
                + " arn:minio:sqs::" + target + ":kafka --event put");
    }

    @Test
    void shouldUseEveryImageInfraDockerBuildsExceptTheSuitesS3Mock() throws IOException {
        List<String> built;
        try (Stream<Path> dirs = Files.list(FleetImages.dockerDir())) {
            built = dirs.filter(d -> Files.exists(d.resolve("Dockerfile"))).map(d -> d.getFileName().toString())
                    .filter(name -> !name.equals("s3mock")).sorted().collect(Collectors.toList());
        }
        List<String> used = services.values().stream().map(s -> String.valueOf(((Map<?, ?>) s).get("image")))
                .filter(image -> image.startsWith("framefleet/"))
                .map(image -> image.substring("framefleet/".length(), image.indexOf(':')))
                .sorted().collect(Collectors.toList());
        assertThat(used).isEqualTo(built);
    }

    @Test
    void shouldScrapeEveryServiceAndFeedGrafanaFromThatPrometheus() throws IOException {
        Map<String, Object> prometheus;
        try (Reader reader = Files.newBufferedReader(FleetImages.dockerDir().resolve("prometheus/prometheus.yml"))) {
            prometheus = new Yaml().load(reader);
        }
        List<Map<String, Object>> jobs = list(prometheus, "scrape_configs");
        for (var entry : FleetImages.SERVICE_PORTS.entrySet()) {
            Map<String, Object> job = jobs.stream().filter(j -> entry.getKey().equals(j.get("job_name"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no scrape job for " + entry.getKey()));
            assertThat(job.get("metrics_path")).isEqualTo("/q/metrics");
            List<Map<String, Object>> statics = list(job, "static_configs");
            List<Object> targets = statics.stream().flatMap(s -> ((List<?>) s.get("targets")).stream())
                    .map(Object.class::cast).toList();
            assertThat(targets).containsExactly(entry.getKey() + ":" + entry.getValue());
        }
        String volume = String.join(" ", list(map(services, "prometheus"), "volumes"));
        assertThat(volume).contains("./prometheus/prometheus.yml:/etc/prometheus/prometheus.yml");

        Map<String, Object> datasources;
        try (Reader reader = Files.newBufferedReader(FleetImages.dockerDir().resolve("grafana/provisioning/datasources/prometheus.yaml"))) {
            datasources = new Yaml().load(reader);
        }
        Map<String, Object> datasource = this.<Map<String, Object>>list(datasources, "datasources").get(0);
        assertThat(datasource.get("url")).isEqualTo("http://prometheus:9090");
        assertThat(datasource.get("uid")).isEqualTo(DashboardFile.DATASOURCE_UID);
        String grafanaVolumes = String.join(" ", list(map(services, "grafana"), "volumes"));
        assertThat(grafanaVolumes).contains("./grafana/dashboards:/var/lib/grafana/dashboards",
                "./grafana/provisioning:/etc/grafana/provisioning");
    }

    private static String kafkaEnv(String name) {
        return String.valueOf(map(map(services, "kafka"), "environment").get(name));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        assertThat(value).as(key).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    <T> List<T> list(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        assertThat(value).as(key).isInstanceOf(List.class);
        return (List<T>) value;
    }
}
