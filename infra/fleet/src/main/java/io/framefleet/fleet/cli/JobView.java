package io.framefleet.fleet.cli;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.framefleet.contracts.ObjectRef;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** A job as {@code GET /v1/jobs/{id}} shows it. Fields the API adds later are ignored. */
@JsonIgnoreProperties(ignoreUnknown = true)
record JobView(String jobId, String state, String stage, Map<String, StageProgress> stages, Double progress,
               Double etaSeconds, List<ObjectRef> outputs, String error) {

    static final String SUCCEEDED = "SUCCEEDED";
    private static final Set<String> TERMINAL = Set.of(SUCCEEDED, "FAILED", "CANCELLED");

    JobView {
        stages = stages == null ? Map.of() : stages;
        outputs = outputs == null ? List.of() : outputs;
    }

    boolean finished() {
        return TERMINAL.contains(state);
    }

    boolean succeeded() {
        return SUCCEEDED.equals(state);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record StageProgress(int done, int total) {
    }
}
