package io.framefleet.containers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framefleet.contracts.JobStatus;
import io.framefleet.contracts.Topics;
import io.framefleet.storage.ObjectInfo;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fleet from its own images: one real enhancement job through ingest's REST API, the
 * output checked with Debian's ffprobe, and every service's metrics read over HTTP.
 * Needs the images of infra/docker/build-images.sh and a running Docker daemon.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetContainersIT {

    static final Path MOVIE = Path.of("/usr/share/doc/python3-hug/examples/streaming_movie_server/movie.mp4");
    static final Duration JOB_TIMEOUT = Duration.ofMinutes(8);
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ContainerFleet fleet;
    private String jobId;

    @BeforeAll
    void startFleet() throws Exception {
        assertThat(MOVIE).as("install python3-hug-doc for the test clip").exists();
        long t0 = System.nanoTime();
        fleet = new ContainerFleet(Path.of("target", "container-logs").toAbsolutePath()).start();
        System.out.printf("containers: fleet ready in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    @AfterAll
    void stopFleet() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    @Order(1)
    void shouldCreateEveryTopicWithPlannerStateCompacted() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, fleet.bootstrapServers()))) {
            Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            assertThat(topics).containsAll(Topics.all());
            ConfigResource state = new ConfigResource(ConfigResource.Type.TOPIC, Topics.PLANNER_STATE);
            Config config = admin.describeConfigs(List.of(state)).all().get(30, TimeUnit.SECONDS).get(state);
            assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
        }
    }

    @Test
    @Order(2)
    void shouldEnhanceRealClipThroughIngestApi() throws Exception {
        long t0 = System.nanoTime();
        String key = "containers/movie-2s.mp4";
        Path clip = firstTwoSeconds(MOVIE);
        int inputFrames = stream(ffprobe(clip), "video").path("nb_read_frames").asInt();
        assertThat(inputFrames).as("frames of the trimmed clip").isBetween(55, 65);
        fleet.store().put("inbox", key, clip);
        HttpResponse<String> submitted = http.send(HttpRequest.newBuilder(fleet.serviceUri("ingest", "/v1/jobs"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"source\":{\"bucket\":\"inbox\",\"key\":\"" + key
                        + "\"},\"options\":{\"fpsFactor\":2,\"scale\":2}}"))
                .timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        jobId = JSON.readTree(submitted.body()).get("jobId").asText();

        JsonNode job = awaitEnd(jobId);
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(fleet.store().list("outputs", jobId + "/")).extracting(ObjectInfo::key)
                .contains(jobId + "/video.mp4", jobId + "/report.json", jobId + "/manifest.json");

        Path video = Files.createTempDirectory("containers-it").resolve("video.mp4");
        fleet.store().download("outputs", jobId + "/video.mp4", video);
        JsonNode probe = ffprobe(video);
        JsonNode stream = stream(probe, "video");
        assertThat(stream).as("a video stream in " + probe).isNotNull();
        assertThat(stream.path("codec_name").asText()).isEqualTo("h264");
        // movie.mp4 is 560x320 at 30 fps: doubled in size and in frame rate.
        assertThat(stream.path("width").asInt()).isEqualTo(1120);
        assertThat(stream.path("height").asInt()).isEqualTo(640);
        assertThat(stream.path("r_frame_rate").asText()).isEqualTo("60/1");
        assertThat(stream.path("nb_read_frames").asInt()).isEqualTo(2 * inputFrames);
        assertThat(stream(probe, "audio")).as("audio kept").isNotNull();
        System.out.printf("containers: enhance job %s took %.1f s%n", jobId, seconds);
    }

    @Test
    @Order(3)
    void shouldLogJsonLinesNamingTheJobInEveryStageThatRanIt() {
        assertThat(jobId).as("the enhance job ran").isNotNull();
        for (String service : List.of("ingest", "planner", "interpolator", "superres", "evaluator")) {
            long lines = fleet.logs(service).lines()
                    .filter(line -> line.startsWith("{"))
                    .map(FleetContainersIT::json)
                    .filter(line -> line != null && service.equals(line.path("service").asText())
                            && jobId.equals(line.at("/mdc/jobId").asText()) && !line.at("/mdc/traceId").asText().isEmpty())
                    .count();
            assertThat(lines).as(service + " logs JSON lines with the job id and trace id (the images turn JSON on)")
                    .isPositive();
        }
    }

    @Test
    @Order(4)
    void shouldServeFramefleetMetricsFromEveryService() throws Exception {
        Map<String, Set<String>> names = new TreeMap<>();
        for (String service : FleetImages.SERVICE_PORTS.keySet()) {
            HttpResponse<String> scrape = http.send(HttpRequest.newBuilder(fleet.serviceUri(service, "/q/metrics"))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(scrape.statusCode()).as(service + " /q/metrics").isEqualTo(200);
            Set<String> metrics = MetricNames.inExposition(scrape.body());
            Files.createDirectories(Path.of("target", "scrapes"));
            Files.writeString(Path.of("target", "scrapes", service + ".txt"), scrape.body(), StandardCharsets.UTF_8);
            names.put(service, metrics);
            // Every service consumes a topic; the lag KEDA and the dashboard follow is among its metrics.
            assertThat(metrics).as(service).contains("kafka_consumer_fetch_manager_records_lag_max");
        }
        // An enhance job runs no keyframe task, and the worker meters appear with a stage's first task.
        for (String service : List.of("ingest", "planner", "interpolator", "superres", "evaluator")) {
            assertThat(names.get(service)).as(service + " publishes framefleet_ metrics").anyMatch(n -> n.startsWith("framefleet_"));
        }
        // The stages this job ran counted their tasks.
        for (String worker : List.of("interpolator", "superres", "evaluator")) {
            assertThat(names.get(worker)).as(worker).contains("framefleet_tasks_total", "framefleet_frames_total");
        }
        assertThat(names.get("planner")).contains("framefleet_planner_tasks_dispatched_total", "framefleet_jobs_total");
        assertThat(names.get("ingest")).contains("framefleet_ingest_requests_total");
    }

    @Test
    @Order(5)
    void shouldFindEveryDashboardMetricInRealScrapes() throws Exception {
        Set<String> scraped = new TreeSet<>();
        for (String service : FleetImages.SERVICE_PORTS.keySet()) {
            scraped.addAll(MetricNames.inExposition(Files.readString(Path.of("target", "scrapes", service + ".txt"))));
        }
        Set<String> missing = new TreeSet<>();
        for (String metric : DashboardFile.load().metricNames()) {
            if (!MetricNames.covers(scraped, metric)) {
                missing.add(metric);
            }
        }
        assertThat(missing).as("dashboard metrics no service exposes after an enhance job; scraped: " + scraped).isEmpty();
    }

    /**
     * The clip's first two seconds (60 frames, audio kept), re-encoded by Debian's ffmpeg: enough
     * for several segments through every stage, and a job short enough for CI.
     */
    private static Path firstTwoSeconds(Path source) throws IOException, InterruptedException {
        Path clip = Files.createTempDirectory("containers-it").resolve("movie-2s.mp4");
        Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-y", "-i", source.toString(), "-t", "2",
                "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-c:a", "aac", clip.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new AssertionError("ffmpeg could not trim " + source + ": " + out);
        }
        return clip;
    }

    private JsonNode awaitEnd(String id) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
        JsonNode last = null;
        URI uri = fleet.serviceUri("ingest", "/v1/jobs/" + id);
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).GET().timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                last = JSON.readTree(r.body());
                if (last.hasNonNull("state") && JobStatus.State.valueOf(last.get("state").asText()).terminal()) {
                    return last;
                }
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("job " + id + " did not end within " + JOB_TIMEOUT + "; last: " + last);
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            return null;
        }
    }

    /** Debian's ffprobe: an independent check of what the fleet wrote. */
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
        for (JsonNode s : probe.path("streams")) {
            if (type.equals(s.path("codec_type").asText())) {
                return s;
            }
        }
        return null;
    }
}
