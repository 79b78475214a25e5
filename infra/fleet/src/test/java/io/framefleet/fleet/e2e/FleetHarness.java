package io.framefleet.fleet.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framefleet.contracts.CloudEvents;
import io.framefleet.fleet.Fleet;
import io.framefleet.fleet.FleetHome;
import io.framefleet.fleet.FleetSettings;
import io.framefleet.fleet.StoreType;
import io.framefleet.storage.ObjectStore;
import io.framefleet.storage.ObjectStores;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

/** One real fleet (child-process Kafka, S3Mock, every service) and the calls tests make on it. */
final class FleetHarness implements AutoCloseable {

    static final ObjectMapper JSON = CloudEvents.json();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final Fleet fleet;
    final ObjectStore store;
    private final KafkaProducer<String, String> producer;

    FleetHarness(StoreType storeType) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(Path.of("target", "fleet-it", UUID.randomUUID().toString().substring(0, 8)))
                .toAbsolutePath();
        fleet = Fleet.start(FleetHome.locate(), FleetSettings.of(storeType, 0, dir));
        store = ObjectStores.open(fleet.storageSettings());
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, fleet.bootstrapServers());
        producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(fleet.ingestUri().resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).timeout(Duration.ofMinutes(2)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return get(fleet.ingestUri().resolve(path));
    }

    HttpResponse<String> get(java.net.URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).GET().timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Puts a file in the inbox and submits it; returns the job id. */
    String submit(Path file, String key, String optionsJson) throws IOException, InterruptedException {
        store.put(Fleet.INBOX_BUCKET, key, file);
        HttpResponse<String> r = post("/v1/jobs", "{\"source\":{\"bucket\":\"inbox\",\"key\":\"" + key + "\"},\"options\":"
                + optionsJson + "}");
        if (r.statusCode() != 202) {
            throw new AssertionError("submit answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body()).get("jobId").asText();
    }

    /** Polls GET /v1/jobs/{id} until the predicate holds. */
    JsonNode awaitJob(String jobId, Predicate<JsonNode> until, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = get("/v1/jobs/" + jobId);
            if (r.statusCode() == 200) {
                last = JSON.readTree(r.body());
                if (until.test(last)) {
                    return last;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("job " + jobId + " did not get there within " + timeout + "; last: " + last
                + "; logs in " + fleet.logs());
    }

    JsonNode awaitEnd(String jobId, Duration timeout) throws IOException, InterruptedException {
        return awaitJob(jobId, j -> j.hasNonNull("state")
                && io.framefleet.contracts.JobStatus.State.valueOf(j.get("state").asText()).terminal(), timeout);
    }

    void produce(String topic, String key, String value, Map<String, String> headers) {
        ProducerRecord<String, String> r = new ProducerRecord<>(topic, key, value);
        headers.forEach((k, v) -> r.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        try {
            producer.send(r).get();
        } catch (Exception e) {
            throw new AssertionError("could not produce to " + topic, e);
        }
    }

    /** Reads a topic from the beginning until the predicate holds for the records read so far. */
    List<ConsumerRecord<String, String>> readUntil(String topic, Predicate<List<ConsumerRecord<String, String>>> until,
                                                   Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, fleet.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            c.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(500)).forEach(seen::add);
                if (until.test(seen)) {
                    return seen;
                }
            }
        }
        throw new AssertionError("no matching records on " + topic + " within " + timeout + "; saw " + seen.size());
    }

    /** Runs Debian's ffprobe on a file: an independent check of what the fleet wrote. */
    /** Every span the fleet's services have exported so far (JSON lines under the run's spans folder). */
    static List<JsonNode> spans(Path dir) throws IOException {
        List<JsonNode> spans = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return spans;
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    // A line being written while we read is incomplete; the next poll sees it whole.
                    if (line.endsWith("}")) {
                        spans.add(JSON.readTree(line));
                    }
                }
            }
        }
        return spans;
    }

    static JsonNode ffprobe(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ffprobe", "-v", "error", "-count_frames", "-show_streams", "-show_format",
                "-of", "json", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new AssertionError("ffprobe failed on " + file + ": " + out);
        }
        return JSON.readTree(out);
    }

    static JsonNode stream(JsonNode probe, String type) {
        for (JsonNode s : probe.get("streams")) {
            if (type.equals(s.path("codec_type").asText())) {
                return s;
            }
        }
        return null;
    }

    Path download(String bucket, String key, Path dir) throws IOException {
        Path target = dir.resolve(key.substring(key.lastIndexOf('/') + 1));
        store.download(bucket, key, target);
        return target;
    }

    URI ingest() {
        return fleet.ingestUri();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        store.close();
        fleet.close();
    }
}
