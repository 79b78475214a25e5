package io.framefleet.evaluator;

import io.framefleet.worker.StageProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;

/** The evaluator's one processor. */
@ApplicationScoped
public class Processors {

    @Produces
    @ApplicationScoped
    @Named("assemble")
    StageProcessor assemble() {
        return new AssembleProcessor();
    }
}
