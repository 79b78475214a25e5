package io.framefleet.worker;

import java.util.List;

/**
 * What a processor may use to show outputs before it returns, e.g. a preview of its first result while it works on
 * the rest: each output is stored at once and announced as a {@link io.framefleet.contracts.TaskProgress} on the
 * results topic. Advisory: a failure to store or announce is logged, never fails the task, and the outputs still
 * have to be part of the final {@link ProcessorResult} if the task's result needs them.
 */
@FunctionalInterface
public interface Progress {

    /** Progress that goes nowhere, for callers outside the worker runtime. */
    Progress NONE = (outputs, note) -> {
    };

    /**
     * @param outputs files to store under their targets now
     * @param note    what they are, in words (e.g. "candidate 1 of 4")
     */
    void publish(List<ProcessorResult.Output> outputs, String note);
}
