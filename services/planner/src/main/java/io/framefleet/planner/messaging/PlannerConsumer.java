package io.framefleet.planner.messaging;

import io.framefleet.contracts.FleetEvent;
import io.framefleet.contracts.GenerationRequested;
import io.framefleet.contracts.JobCancelRequested;
import io.framefleet.contracts.JobRejected;
import io.framefleet.contracts.JobRequested;
import io.framefleet.contracts.MalformedEventException;
import io.framefleet.contracts.StageTask;
import io.framefleet.contracts.TaskCompleted;
import io.framefleet.contracts.TaskFailed;
import io.framefleet.contracts.TaskProgress;
import io.framefleet.contracts.Topics;
import io.framefleet.planner.JobState;
import io.framefleet.planner.Planner;
import io.framefleet.planner.PlannerConfig;
import io.framefleet.planner.PlannerSettings;
import io.framefleet.worker.Events;
import io.framefleet.worker.telemetry.JobTrace;
import io.framefleet.worker.telemetry.Traced;
import io.framefleet.worker.telemetry.Tracing;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Thin Kafka adapter around {@link Planner}: one lock serialises every transition; tasks are
 * sent, then the state saved, then the status published, and only then is the incoming
 * record acknowledged (a crash in between re-delivers it, and the transitions are idempotent).
 */
@ApplicationScoped
public class PlannerConsumer {

    private static final Logger LOG = Logger.getLogger(PlannerConsumer.class);
    static final String SOURCE = "framefleet/planner";

    @Inject
    JobStateStore store;
    @Inject
    PlannerConfig config;
    @Inject
    MeterRegistry metrics;
    @Inject
    Tracing tracing;
    @Inject
    @Channel("tasks")
    MutinyEmitter<String> tasks;
    @Inject
    @Channel("status")
    MutinyEmitter<String> status;

    private Planner planner;
    private ScheduledExecutorService ticker;

    void start(@Observes StartupEvent ev) {
        planner = new Planner(new PlannerSettings(config.maxAttempts(), config.retryBackoff(), config.taskTimeout(),
                config.workBucket()));
        ticker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "planner-ticker"));
        long every = config.tickInterval().toMillis();
        ticker.scheduleWithFixedDelay(this::tickAll, every, every, TimeUnit.MILLISECONDS);
        Gauge.builder("framefleet.jobs.active", store, s -> s.all().stream().filter(j -> !j.terminal()).count())
                .description("jobs accepted and not yet finished").register(metrics);
    }

    void stop(@Observes ShutdownEvent ev) throws InterruptedException {
        ticker.shutdown();
        ticker.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Incoming("requests")
    @Blocking(ordered = true)
    public void onRequest(ConsumerRecord<String, String> record) {
        try (Traced traced = tracing.consume(record)) {
            onRequestTraced(record);
        }
    }

    private void onRequestTraced(ConsumerRecord<String, String> record) {
        FleetEvent event = Events.parse(record);
        if (event instanceof JobRequested r) {
            apply(r.jobId(), job -> planner.onRequested(job, r, Instant.now()));
        } else if (event instanceof GenerationRequested g) {
            apply(g.jobId(), job -> planner.onGenerationRequested(job, g, Instant.now()));
        } else if (event instanceof JobRejected r) {
            apply(r.jobId(), job -> planner.onRejected(job, r, Instant.now()));
        } else if (event instanceof JobCancelRequested c) {
            apply(c.jobId(), job -> planner.onCancel(job, c, Instant.now()));
        } else {
            throw new MalformedEventException("unexpected " + event.getClass().getSimpleName() + " on " + record.topic());
        }
    }

    @Incoming("results")
    @Blocking(ordered = true)
    public void onResult(ConsumerRecord<String, String> record) {
        try (Traced traced = tracing.consume(record)) {
            onResultTraced(record);
        }
    }

    private void onResultTraced(ConsumerRecord<String, String> record) {
        FleetEvent event = Events.parse(record);
        if (event instanceof TaskCompleted c) {
            apply(c.jobId(), job -> planner.onCompleted(job, c, Instant.now()));
        } else if (event instanceof TaskFailed f) {
            apply(f.jobId(), job -> planner.onFailed(job, f, Instant.now()));
        } else if (event instanceof TaskProgress p) {
            apply(p.jobId(), job -> planner.onProgress(job, p, Instant.now()));
        } else {
            throw new MalformedEventException("unexpected " + event.getClass().getSimpleName() + " on " + record.topic());
        }
    }

    private void tickAll() {
        try {
            Instant forgetBefore = Instant.now().minus(config.retention());
            for (JobState job : store.all()) {
                if (!job.terminal()) {
                    apply(job.jobId(), j -> planner.tick(j, Instant.now()));
                } else if (job.updatedAt().isBefore(forgetBefore)) {
                    forget(job.jobId());
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("planner tick failed; next tick tries again", e);
        }
    }

    private synchronized void forget(String jobId) {
        store.forget(jobId);
        LOG.infof("job %s forgotten after its retention of %s", jobId, config.retention());
    }

    private synchronized void apply(String jobId, Function<JobState, Planner.Decision> transition) {
        JobState before = store.get(jobId);
        Planner.Decision d = transition.apply(before);
        if (!d.changed() || d.state() == null) {
            return;
        }
        // Under the incoming event's span, or (for the ticker) under the job's stored context: one job, one trace.
        try (Traced traced = tracing.work("plan", jobId, before == null ? null : before.trace())) {
            // A known job's state carries its trace through every transition; a new one takes the current one.
            JobState after = d.state().trace() != null ? d.state() : d.state().withTrace(JobTrace.currentTraceparent());
            traced.attribute("framefleet.job.state", after.state().name());
            send(before, after, d);
        }
    }

    private void send(JobState before, JobState after, Planner.Decision d) {
        String jobId = after.jobId();
        for (StageTask t : d.tasks()) {
            tasks.sendMessageAndAwait(Events.message(t, SOURCE, Topics.taskTopic(t.stage())));
            metrics.counter("framefleet.planner.tasks.dispatched", "stage", t.stage().path()).increment();
        }
        store.save(after);
        status.sendMessageAndAwait(Events.message(after.status(), SOURCE));
        if (after.terminal() && (before == null || !before.terminal())) {
            String outcome = after.state().name().toLowerCase();
            metrics.counter("framefleet.jobs", "outcome", outcome).increment();
            if (after.submittedAt() != null) {
                Timer.builder("framefleet.job.duration").description("submission to the end of a job")
                        .tag("kind", after.generation() != null ? "generate" : "enhance").tag("outcome", outcome)
                        .register(metrics).record(Duration.between(after.submittedAt(), after.updatedAt()));
            }
            LOG.infof("job %s %s%s", jobId, after.state(), after.error() == null ? "" : ": " + after.error());
        }
    }
}
