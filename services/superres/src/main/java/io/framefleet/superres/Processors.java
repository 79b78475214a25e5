package io.framefleet.superres;

import io.framefleet.worker.StageProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;

/** The upscalers this service offers, chosen per job by name. */
@ApplicationScoped
public class Processors {

    @Produces
    @ApplicationScoped
    @Named("lanczos")
    StageProcessor lanczos() {
        return new FfmpegScaler("lanczos");
    }

    @Produces
    @ApplicationScoped
    @Named("bicubic")
    StageProcessor bicubic() {
        return new FfmpegScaler("bicubic");
    }
}
