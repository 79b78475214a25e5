package io.framefleet.worker;

import io.framefleet.contracts.JobStatus;
import io.framefleet.contracts.ObjectRef;
import io.framefleet.contracts.Stage;
import io.framefleet.contracts.StageTask;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EventsTest {

    static StageTask task(int segment, int attempt) {
        return new StageTask(StageTask.taskId("j-1", Stage.UPSCALE, segment, attempt), "j-1", Stage.UPSCALE, segment,
                attempt, List.of(ObjectRef.of("work", "in.mkv")), ObjectRef.of("work", "out.mkv"), Map.of());
    }

    @Test
    void shouldKeyJobEventsByJobAndTasksBySegmentSoOneJobsSegmentsSpreadOverPartitions() {
        JobStatus status = new JobStatus("j-1", JobStatus.State.RUNNING, null, Map.of(), 0, null, null, null,
                Instant.EPOCH, Instant.EPOCH, 0, 0);
        assertThat(Events.key(status)).isEqualTo("j-1");
        assertThat(Events.key(task(0, 1))).isNotEqualTo(Events.key(task(1, 1)));
        // A retry of a segment is the same work: same key as its first try.
        assertThat(Events.key(task(3, 2))).isEqualTo(Events.key(task(3, 1)));
        assertThat(Events.key(task(3, 1))).isEqualTo("j-1/upscale/3");
    }
}
