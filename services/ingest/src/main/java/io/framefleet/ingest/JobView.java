package io.framefleet.ingest;

import io.framefleet.contracts.JobStatus;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The latest status of every job, from the planner's status topic; feeds GET and the event stream. */
@ApplicationScoped
public class JobView {

    private final Map<String, JobStatus> latest = new ConcurrentHashMap<>();
    private final Map<String, Instant> accepted = new ConcurrentHashMap<>();
    private final BroadcastProcessor<JobStatus> updates = BroadcastProcessor.create();

    public void update(JobStatus status) {
        latest.merge(status.jobId(), status, (old, neu) -> neu.updatedAt().isBefore(old.updatedAt()) ? old : neu);
        updates.onNext(latest.get(status.jobId()));
    }

    /** Remembers a job this instance accepted, so GET answers before the planner's first status. */
    public void accepted(String jobId) {
        accepted.putIfAbsent(jobId, Instant.now());
    }

    public Optional<JobStatus> get(String jobId) {
        JobStatus s = latest.get(jobId);
        if (s != null) {
            return Optional.of(s);
        }
        Instant at = accepted.get(jobId);
        return at == null ? Optional.empty()
                : Optional.of(new JobStatus(jobId, JobStatus.State.ACCEPTED, null, Map.of(), 0, null, null, null, at, at, 0, 0));
    }

    /** Status changes of one job, starting with the current one, ending after a terminal state. */
    public Multi<JobStatus> stream(String jobId) {
        return Multi.createFrom().emitter(em -> {
            Optional<JobStatus> now = get(jobId);
            now.ifPresent(em::emit);
            if (now.isPresent() && now.get().state().terminal()) {
                em.complete();
                return;
            }
            Cancellable sub = updates.filter(s -> s.jobId().equals(jobId)).subscribe().with(s -> {
                em.emit(s);
                if (s.state().terminal()) {
                    em.complete();
                }
            });
            em.onTermination(sub::cancel);
        });
    }
}
