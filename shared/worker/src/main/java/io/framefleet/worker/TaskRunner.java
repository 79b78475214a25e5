package io.framefleet.worker;

import io.framefleet.contracts.CloudEvents;
import io.framefleet.contracts.FleetEvent;
import io.framefleet.contracts.JobIds;
import io.framefleet.contracts.MalformedEventException;
import io.framefleet.contracts.ObjectRef;
import io.framefleet.contracts.Stage;
import io.framefleet.contracts.StageTask;
import io.framefleet.contracts.TaskCompleted;
import io.framefleet.contracts.TaskFailed;
import io.framefleet.contracts.TaskMetrics;
import io.framefleet.contracts.TaskProgress;
import io.framefleet.storage.ObjectStore;
import io.framefleet.worker.telemetry.Traced;
import io.framefleet.worker.telemetry.Tracing;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Runs one stage task end to end: idempotency check, inputs down, processor, outputs up,
 * done-marker, result. A service's thin {@code @Incoming} adapter calls {@link #run}; it
 * returns only after the result is acknowledged by the broker, so the task's offset is
 * committed after its result is safe. A poison task throws, which sends it to the
 * channel's dead-letter topic with the reason.
 */
@ApplicationScoped
public class TaskRunner {

    private static final Logger LOG = Logger.getLogger(TaskRunner.class);
    // The process's CPU clock, not the calling thread's: models and codecs compute on their own thread pools, and a
    // worker runs one task at a time, so the process's CPU time over the compute phase is what the task cost.
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final java.util.Map<String, AtomicInteger> busyByStage = new java.util.concurrent.ConcurrentHashMap<>();

    @Inject
    ObjectStore store;
    @Inject
    StorageConfig storage;
    @Inject
    WorkerConfig config;
    @Inject
    Instance<StageProcessor> processors;
    @Inject
    MeterRegistry metrics;
    @Inject
    Tracing tracing;
    @Inject
    @Channel("results")
    MutinyEmitter<String> results;

    void registerStageMeters(@Observes StartupEvent ev) {
        config.stages().ifPresent(stages -> stages.forEach(this::registerStageMeters));
    }

    /** Every meter of a stage at zero, under the names and tags {@link #run} updates. */
    private void registerStageMeters(String stage) {
        for (String outcome : List.of("completed", "failed", "duplicate")) {
            metrics.counter("framefleet.tasks", "stage", stage, "outcome", outcome);
        }
        metrics.counter("framefleet.frames", "stage", stage);
        metrics.counter("framefleet.task.cpu.seconds", "stage", stage);
        metrics.counter("framefleet.task.gpu.seconds", "stage", stage);
        for (String phase : List.of("compute", "io")) {
            Timer.builder("framefleet.task.duration").tag("stage", stage).tag("phase", phase).register(metrics);
        }
        Timer.builder("framefleet.task.queue").description("time a task waited on its topic").tag("stage", stage)
                .register(metrics);
        busy(stage);
    }

    public void run(ConsumerRecord<String, String> record) throws Exception {
        try (Traced traced = tracing.consume(record)) {
            try {
                run(record, traced);
            } catch (Exception | Error e) {
                traced.fail(e);
                throw e;
            }
        }
    }

    private void run(ConsumerRecord<String, String> record, Traced traced) throws Exception {
        StageTask task = parse(record);
        String stage = task.stage().path();
        traced.job(task.jobId()).attribute(Tracing.ATTR_STAGE, stage).attribute(Tracing.ATTR_TASK, task.taskId());
        Optional<TaskCompleted> previous = previousResult(task);
        if (previous.isPresent()) {
            LOG.infof("task %s already done, re-publishing its result", task.taskId());
            metrics.counter("framefleet.tasks", "stage", stage, "outcome", "duplicate").increment();
            publish(previous.get());
            return;
        }
        StageProcessor processor = processorFor(task);
        if (processor == null) {
            fail(task, TaskFailed.Kind.BAD_INPUT, "unknown processor '" + task.params().get("processor")
                    + "' for stage " + stage + "; known: " + processorNames());
            return;
        }
        long queueMillis = Math.max(0, System.currentTimeMillis() - record.timestamp());
        Timer.builder("framefleet.task.queue").description("time a task waited on its topic").tag("stage", stage)
                .register(metrics).record(queueMillis, TimeUnit.MILLISECONDS);
        Exception last = null;
        for (int attempt = 1; attempt <= config.localRetries(); attempt++) {
            try {
                TaskCompleted done = execute(task, processor, queueMillis);
                store.put(storage.buckets().work(), task.doneMarkerKey(),
                        CloudEvents.toJson(done).getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/json");
                publish(done);
                TaskMetrics m = done.metrics();
                LOG.infof("task %s done: %d frames, queue %d ms, read %d ms, compute %d ms, write %d ms", task.taskId(),
                        m.frames(), m.queueMillis(), m.readMillis(), m.computeMillis(), m.writeMillis());
                metrics.counter("framefleet.tasks", "stage", stage, "outcome", "completed").increment();
                metrics.counter("framefleet.frames", "stage", stage).increment(done.metrics().frames());
                metrics.counter("framefleet.task.cpu.seconds", "stage", stage).increment(m.cpuMillis() / 1000.0);
                metrics.counter("framefleet.task.gpu.seconds", "stage", stage).increment(m.gpuMillis() / 1000.0);
                traced.attribute("framefleet.outputs", done.outputs().stream()
                        .map(o -> o.bucket() + "/" + o.key()).collect(java.util.stream.Collectors.joining(",")));
                return;
            } catch (Exception | OutOfMemoryError e) {
                TaskFailed.Kind kind = FailureClassifier.classify(e);
                if (kind == TaskFailed.Kind.BAD_INPUT) {
                    LOG.warnf("task %s has bad input: %s", task.taskId(), FailureClassifier.reason(e));
                    fail(task, kind, FailureClassifier.reason(e));
                    return;
                }
                last = e instanceof Exception ex ? ex : new RuntimeException(e);
                LOG.warnf(e, "task %s failed (%s), local try %d of %d", task.taskId(), kind, attempt, config.localRetries());
                if (attempt < config.localRetries()) {
                    Thread.sleep(config.retryBackoff().toMillis() << (attempt - 1));
                }
            }
        }
        fail(task, FailureClassifier.classify(last), FailureClassifier.reason(last));
        throw last;
    }

    private TaskCompleted execute(StageTask task, StageProcessor processor, long queueMillis) throws Exception {
        Path workDir = Files.createTempDirectory("framefleet-task-");
        try {
            long t0 = System.nanoTime();
            List<Path> inputs = new ArrayList<>();
            int i = 0;
            for (ObjectRef in : task.inputs()) {
                Path local = workDir.resolve("in-" + (i++) + "-" + Path.of(in.key()).getFileName());
                store.download(in.bucket(), in.key(), local);
                inputs.add(local);
            }
            long t1 = System.nanoTime();
            long cpu0 = OS.getProcessCpuTime();
            Path outDir = Files.createDirectories(workDir.resolve("out"));
            ProcessorResult result;
            AtomicInteger busy = busy(task.stage().path());
            busy.incrementAndGet();
            try {
                result = processor.process(task, inputs, outDir, progressOf(task));
            } finally {
                busy.decrementAndGet();
            }
            long cpuMillis = (OS.getProcessCpuTime() - cpu0) / 1_000_000;
            long t2 = System.nanoTime();
            // A processor on a GPU holds the device for its whole compute phase: that is what a GPU-second costs.
            long gpuMillis = processor.usesGpu() ? ms(t2 - t1) : 0;
            List<ObjectRef> outputs = new ArrayList<>();
            for (ProcessorResult.Output out : result.outputs()) {
                outputs.add(store.put(out.target().bucket(), out.target().key(), out.file()));
            }
            long t3 = System.nanoTime();
            String stage = task.stage().path();
            Timer.builder("framefleet.task.duration").tag("stage", stage).tag("phase", "compute")
                    .register(metrics).record(t2 - t1, TimeUnit.NANOSECONDS);
            Timer.builder("framefleet.task.duration").tag("stage", stage).tag("phase", "io")
                    .register(metrics).record((t1 - t0) + (t3 - t2), TimeUnit.NANOSECONDS);
            TaskMetrics m = new TaskMetrics(queueMillis, ms(t1 - t0), ms(t2 - t1), ms(t3 - t2), cpuMillis, gpuMillis,
                    result.frames());
            return new TaskCompleted(task.taskId(), task.jobId(), task.stage(), task.segment(), task.attempt(),
                    outputs, processor.name(), processor.version(), config.id(), m, result.results());
        } finally {
            deleteTree(workDir);
        }
    }

    /** Stores a processor's early outputs and announces them; a failure only costs the announcement. */
    private Progress progressOf(StageTask task) {
        return (outputs, note) -> {
            try {
                List<ObjectRef> stored = new ArrayList<>(outputs.size());
                for (ProcessorResult.Output out : outputs) {
                    stored.add(store.put(out.target().bucket(), out.target().key(), out.file()));
                }
                publish(new TaskProgress(task.taskId(), task.jobId(), task.stage(), task.segment(), task.attempt(),
                        stored, note, config.id()));
                LOG.infof("task %s progress: %s", task.taskId(), note);
            } catch (IOException | RuntimeException e) {
                LOG.warnf("task %s: progress (%s) not published: %s", task.taskId(), note, e.toString());
            }
        };
    }

    /** Tasks of a stage computing now; a gauge, so a scrape sees whether the worker is busy. */
    private AtomicInteger busy(String stage) {
        return busyByStage.computeIfAbsent(stage, st -> {
            AtomicInteger count = new AtomicInteger();
            Gauge.builder("framefleet.worker.busy", count, AtomicInteger::get)
                    .description("tasks of the stage computing in this worker").tag("stage", st).register(metrics);
            return count;
        });
    }

    private StageTask parse(ConsumerRecord<String, String> record) {
        StageTask task = Events.parse(record, StageTask.class);
        // A keyframe task samples from its prompt alone; every other stage reads something.
        boolean needsInputs = task.stage() != Stage.KEYFRAME;
        if (!JobIds.isValid(task.jobId()) || task.inputs() == null || (needsInputs && task.inputs().isEmpty())
                || task.output() == null || task.params() == null || task.stage() == null || task.attempt() < 1) {
            throw new MalformedEventException("incomplete task " + task.taskId()
                    + ": needs a valid jobId, stage, attempt >= 1, inputs (but for keyframe), output and params");
        }
        if (!task.taskId().equals(StageTask.taskId(task.jobId(), task.stage(), task.segment(), task.attempt()))) {
            throw new MalformedEventException("task id " + task.taskId() + " does not match its job/stage/segment/attempt");
        }
        return task;
    }

    private Optional<TaskCompleted> previousResult(StageTask task) throws IOException {
        String bucket = storage.buckets().work();
        if (store.head(bucket, task.doneMarkerKey()).isEmpty()) {
            return Optional.empty();
        }
        String json = new String(store.read(bucket, task.doneMarkerKey()), java.nio.charset.StandardCharsets.UTF_8);
        return Optional.of(CloudEvents.parse(TaskCompleted.class, json));
    }

    private StageProcessor processorFor(StageTask task) {
        String wanted = task.params().get("processor");
        for (StageProcessor p : processors) {
            if (wanted == null || p.name().equals(wanted)) {
                return p;
            }
        }
        return null;
    }

    private List<String> processorNames() {
        return processors.stream().map(StageProcessor::name).toList();
    }

    private void fail(StageTask task, TaskFailed.Kind kind, String reason) {
        metrics.counter("framefleet.tasks", "stage", task.stage().path(), "outcome", "failed").increment();
        publish(new TaskFailed(task.taskId(), task.jobId(), task.stage(), task.segment(), task.attempt(), kind,
                reason, config.id()));
    }

    private void publish(FleetEvent event) {
        results.sendMessageAndAwait(Events.message(event, "framefleet/" + config.id()));
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warnf("could not delete %s: %s", dir, e.getMessage());
        }
    }
}
