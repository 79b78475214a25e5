package io.framefleet.interpolator;

import io.framefleet.interpolator.flow.FlowSettings;
import io.framefleet.worker.StageProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The interpolators this service offers, chosen per job by name. */
@ApplicationScoped
public class Processors {

    @Produces
    @ApplicationScoped
    @jakarta.inject.Named("minterpolate")
    StageProcessor minterpolate() {
        return new FfmpegInterpolator("minterpolate");
    }

    @Produces
    @ApplicationScoped
    @jakarta.inject.Named("blend")
    StageProcessor blend() {
        return new FfmpegInterpolator("blend");
    }

    @Produces
    @ApplicationScoped
    @jakarta.inject.Named("flow")
    StageProcessor flow() {
        return new FlowProcessor(FlowSettings.DEFAULTS);
    }
}
