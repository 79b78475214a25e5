package io.framefleet.superres;

import io.framefleet.inference.InferenceDevice;
import io.framefleet.inference.ModelRepository;
import io.framefleet.storage.ObjectStore;
import io.framefleet.worker.StageProcessor;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.jboss.logging.Logger;

/** The upscalers this service offers, chosen per job by name. */
@ApplicationScoped
public class Processors {

    private static final Logger LOG = Logger.getLogger(Processors.class);

    @Inject
    SuperResConfig config;

    @Inject
    Instance<ObjectStore> store;

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

    @Produces
    @ApplicationScoped
    @Named("sr-fast")
    StageProcessor srFast() {
        return new ModelUpscaler("sr-fast", config.fastModels(), repository(), device(), config);
    }

    @Produces
    @ApplicationScoped
    @Named("sr-quality")
    StageProcessor srQuality() {
        return new ModelUpscaler("sr-quality", config.qualityModels(), repository(), device(), config);
    }

    void closeModels(@Disposes @Named("sr-fast") StageProcessor fast) {
        ((ModelUpscaler) fast).close();
    }

    void closeQualityModels(@Disposes @Named("sr-quality") StageProcessor quality) {
        ((ModelUpscaler) quality).close();
    }

    /** A GPU worker on a node without that GPU stops here, before it takes a task it would run on the CPU. */
    void checkDevice(@Observes StartupEvent start) {
        device().requireUsable();
        LOG.infof("learned upscalers run on %s with models from %s", device(), repository());
    }

    InferenceDevice device() {
        return InferenceDevice.parse(config.device());
    }

    ModelRepository repository() {
        if (config.modelBucket().isPresent()) {
            return ModelRepository.objectStore(store.get(), config.modelBucket().get(), config.modelPrefix(),
                    config.modelCache());
        }
        return config.modelFolder().map(ModelRepository::folder)
                .orElseGet(() -> ModelRepository.classpath(config.modelCache()));
    }
}
