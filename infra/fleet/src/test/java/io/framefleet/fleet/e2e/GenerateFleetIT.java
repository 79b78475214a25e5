package io.framefleet.fleet.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.framefleet.contracts.CloudEvents;
import io.framefleet.contracts.GenerateOptions;
import io.framefleet.contracts.JobIds;
import io.framefleet.contracts.PromptSubmitted;
import io.framefleet.contracts.Topics;
import io.framefleet.fleet.Fleet;
import io.framefleet.fleet.StoreType;
import io.framefleet.storage.ObjectInfo;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Text-to-video on a real fleet (child-process Kafka, S3Mock, every service its own process, the
 * bundled models): a prompt event and a REST prompt end in a video and an image, checked with
 * Debian's ffprobe. Small candidate counts and steps keep it quick; the gate loop still runs
 * two rounds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GenerateFleetIT {

    static final Duration JOB_TIMEOUT = Duration.ofMinutes(3);
    static final String PROMPT = "a red circle moving right on a gray background";

    private FleetHarness h;

    @BeforeAll
    void startFleet() throws Exception {
        assumeThat(Path.of("/usr/bin/ffprobe")).as("install ffmpeg for ffprobe").exists();
        h = new FleetHarness(StoreType.S3);
    }

    @AfterAll
    void stopFleet() {
        if (h != null) {
            h.close();
        }
    }

    private static Map<String, String> cloudEvent(String source, String id, String type) {
        return Map.of("ce_specversion", "1.0", "ce_id", id, "ce_source", source, "ce_type", type,
                "content-type", "application/json");
    }

    @Test
    @Order(1)
    void shouldTurnPromptEventIntoVideoThroughTwoRoundsAsOneJobWhenDeliveredTwice(@TempDir Path out)
            throws Exception {
        long t0 = System.nanoTime();
        // Threshold 1.0 is out of reach: both rounds run and the best of the two goes on.
        GenerateOptions options = new GenerateOptions(null, null, null, null, null, 5000L, 8, null, 2, 1.0, 2, null,
                null, null, null, null);
        String event = CloudEvents.toJson(new PromptSubmitted(PROMPT, options, null));
        String source = "it/other-system";
        String id = "prompt-" + System.nanoTime();
        String jobId = JobIds.derive("prompt", source, id);
        h.produce(Topics.PROMPT_SUBMISSIONS, id, event, cloudEvent(source, id, PromptSubmitted.TYPE));
        h.produce(Topics.PROMPT_SUBMISSIONS, id, event, cloudEvent(source, id, PromptSubmitted.TYPE));

        JsonNode job = h.awaitEnd(jobId, JOB_TIMEOUT);
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
        List<String> outputKeys = h.store.list(Fleet.OUTPUTS_BUCKET, jobId + "/").stream().map(ObjectInfo::key).toList();
        assertThat(outputKeys).containsExactlyInAnyOrder(jobId + "/video.mp4", jobId + "/report.json",
                jobId + "/manifest.json");

        Path video = h.download(Fleet.OUTPUTS_BUCKET, jobId + "/video.mp4", out);
        JsonNode probe = FleetHarness.ffprobe(video);
        JsonNode v = FleetHarness.stream(probe, "video");
        assertThat(v.path("codec_name").asText()).isEqualTo("h264");
        assertThat(v.path("width").asInt()).isEqualTo(128);
        assertThat(v.path("height").asInt()).isEqualTo(128);
        assertThat(v.path("r_frame_rate").asText()).isEqualTo("16/1");
        assertThat(v.path("nb_read_frames").asInt()).isEqualTo(32);
        assertThat(probe.at("/format/duration").asDouble()).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.07));

        // One request however often the event came; rounds with consecutive seeds; the preview in a status before the end.
        List<ConsumerRecord<String, String>> requests = h.readUntil(Topics.JOB_REQUESTS,
                rs -> rs.stream().anyMatch(r -> jobId.equals(r.key())), Duration.ofSeconds(30));
        assertThat(requests.stream().filter(r -> jobId.equals(r.key())).map(ConsumerRecord::value).distinct())
                .as("a repeated event re-publishes the same request").hasSize(1);
        // Tasks are keyed <job>/<stage>/<segment>, so the rounds may sit on different partitions: order by round.
        String taskKeys = jobId + "/";
        List<ConsumerRecord<String, String>> keyframes = h.readUntil(Topics.TASKS_KEYFRAME,
                rs -> rs.stream().filter(r -> r.key().startsWith(taskKeys)).count() >= 2, Duration.ofSeconds(30));
        assertThat(keyframes.stream().filter(r -> r.key().startsWith(taskKeys))
                .map(r -> CloudEvents.parse(io.framefleet.contracts.StageTask.class, r.value()))
                .sorted(java.util.Comparator.comparingInt(io.framefleet.contracts.StageTask::segment))
                .map(t -> t.params().get("seeds"))
                .toList())
                .containsExactly("5000,5001", "5002,5003");
        List<ConsumerRecord<String, String>> statuses = h.readUntil(Topics.JOB_STATUS,
                rs -> rs.stream().anyMatch(r -> jobId.equals(r.key()) && r.value().contains("SUCCEEDED")),
                Duration.ofSeconds(30));
        assertThat(statuses.stream().filter(r -> jobId.equals(r.key()) && r.value().contains("\"RUNNING\"")
                && r.value().contains("preview.png"))).as("a running status shows the preview").isNotEmpty();
        List<String> runningPreviews = statuses.stream().filter(r -> jobId.equals(r.key())
                && r.value().contains("\"RUNNING\"") && r.value().contains("keyframe/0-a")).map(ConsumerRecord::value)
                .toList();
        assertThat(runningPreviews).as("round 0's first candidate is shown, then the whole round").isNotEmpty();
        assertThat(runningPreviews.get(0)).contains("/first/preview.png");
        assertThat(runningPreviews.get(runningPreviews.size() - 1)).doesNotContain("/first/preview.png");
        assertThat(job.path("outputs").toString()).contains("preview.png");

        JsonNode manifest = FleetHarness.JSON.readTree(Files.readString(
                h.download(Fleet.OUTPUTS_BUCKET, jobId + "/manifest.json", out)));
        assertThat(manifest.at("/generation/rounds")).hasSize(2);
        assertThat(manifest.at("/generation/reason").asText()).isEqualTo("rounds");
        assertThat(manifest.at("/generation/chosen/seed").asLong()).isBetween(5000L, 5003L);
        assertThat(manifest.at("/generation/request/options/seed").asLong()).isEqualTo(5000L);
        System.out.printf("text-to-video end-to-end: %.1f s; manifest generation %s%n", seconds,
                manifest.path("generation").path("chosen"));
    }

    @Test
    @Order(2)
    void shouldMakeImageFromRestPromptAndRefuseBadOptionsWithReasons(@TempDir Path out) throws Exception {
        HttpResponse<String> bad = h.post("/v1/prompts", "{\"prompt\":\"a blue square\",\"options\":{\"seconds\":40}}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("seconds");
        assertThat(h.post("/v1/prompts", "{\"prompt\":\"  \"}").body()).contains("prompt must not be empty");

        HttpResponse<String> accepted = h.post("/v1/prompts", "{\"prompt\":\"a yellow triangle\",\"options\":"
                + "{\"image\":true,\"width\":64,\"height\":64,\"candidates\":1,\"steps\":8,\"maxRounds\":1}}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        JsonNode answer = FleetHarness.JSON.readTree(accepted.body());
        String jobId = answer.path("jobId").asText();
        assertThat(answer.path("status").asText()).isEqualTo("/v1/jobs/" + jobId);
        JsonNode job = h.awaitEnd(jobId, JOB_TIMEOUT);
        assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
        JsonNode image = FleetHarness.stream(FleetHarness.ffprobe(h.download(Fleet.OUTPUTS_BUCKET,
                jobId + "/image.png", out)), "video");
        assertThat(image.path("codec_name").asText()).isEqualTo("png");
        assertThat(image.path("width").asInt()).isEqualTo(64);
        assertThat(image.path("height").asInt()).isEqualTo(64);
    }

    @Test
    @Order(3)
    void shouldDeadLetterUnreadableMessagesAndFailJobOfImpossiblePrompt() throws Exception {
        Map<String, String> types = Map.of(Topics.PROMPT_SUBMISSIONS, PromptSubmitted.TYPE,
                Topics.TASKS_KEYFRAME, "io.framefleet.task.keyframe.v1", Topics.TASKS_GATE, "io.framefleet.task.gate.v1");
        types.forEach((topic, type) -> h.produce(topic, "poison", "{not json " + topic, cloudEvent("it", "p1", type)));
        for (String topic : types.keySet()) {
            String poison = "{not json " + topic;
            ConsumerRecord<String, String> dead = h.readUntil(Topics.deadLetter(topic),
                    rs -> rs.stream().anyMatch(r -> poison.equals(r.value())), Duration.ofSeconds(60))
                    .stream().filter(r -> poison.equals(r.value())).findFirst().orElseThrow();
            assertThat(new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                    .as(topic).isNotBlank();
        }

        String id = "impossible-" + System.nanoTime();
        String jobId = JobIds.derive("prompt", "it", id);
        GenerateOptions tooMany = new GenerateOptions(null, null, null, null, null, null, null, null, 99, null, null,
                null, null, null, null, null);
        h.produce(Topics.PROMPT_SUBMISSIONS, id, CloudEvents.toJson(new PromptSubmitted(PROMPT, tooMany, null)),
                cloudEvent("it", id, PromptSubmitted.TYPE));
        JsonNode job = h.awaitEnd(jobId, Duration.ofSeconds(60));
        assertThat(job.path("state").asText()).isEqualTo("FAILED");
        assertThat(job.path("error").asText()).contains("candidates must be 1..16");
    }
}
