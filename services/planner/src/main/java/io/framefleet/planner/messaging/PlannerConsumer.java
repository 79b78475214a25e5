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
import io.framefleet.contracts.Topics;
import io.framefleet.planner.JobState;
import io.framefleet.planner.Planner;
import io.framefleet.planner.PlannerConfig;
import io.framefleet.planner.PlannerSettings;
import io.framefleet.worker.Events;
import io.micrometer.core.instrument.MeterRegistry;
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
    }

    void stop(@Observes ShutdownEvent ev) throws InterruptedException {
        ticker.shutdown();
        ticker.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Incoming("requests")
    @Blocking(ordered = true)
    public void onRequest(ConsumerRecord<String, String> record) {
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
        FleetEvent event = Events.parse(record);
        if (event instanceof TaskCompleted c) {
            apply(c.jobId(), job -> planner.onCompleted(job, c, Instant.now()));
        } else if (event instanceof TaskFailed f) {
            apply(f.jobId(), job -> planner.onFailed(job, f, Instant.now()));
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
        for (StageTask t : d.tasks()) {
            tasks.sendMessageAndAwait(Events.message(t, SOURCE, Topics.taskTopic(t.stage())));
            metrics.counter("framefleet.planner.tasks.dispatched", "stage", t.stage().path()).increment();
        }
        store.save(d.state());
        status.sendMessageAndAwait(Events.message(d.state().status(), SOURCE));
        if (d.state().terminal() && (before == null || !before.terminal())) {
            metrics.counter("framefleet.jobs", "outcome", d.state().state().name().toLowerCase()).increment();
            LOG.infof("job %s %s%s", jobId, d.state().state(),
                    d.state().error() == null ? "" : ": " + d.state().error());
        }
    }
}
