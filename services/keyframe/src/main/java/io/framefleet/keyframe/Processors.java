package io.framefleet.keyframe;

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

/** The one processor of this service: the configured text-to-video model. */
@ApplicationScoped
public class Processors {

    private static final Logger LOG = Logger.getLogger(Processors.class);

    @Inject
    KeyframeConfig config;

    @Inject
    Instance<ObjectStore> store;

    @Produces
    @ApplicationScoped
    @Named(KeyframeSampler.NAME)
    KeyframeSampler sampler() {
        return new KeyframeSampler(repository(), device(), config.model(), config.maxBatch());
    }

    void close(@Disposes @Named(KeyframeSampler.NAME) KeyframeSampler sampler) {
        sampler.close();
    }

    /**
     * Loads the model before the first task: a GPU worker on a node without that GPU, or a worker whose model is
     * missing or damaged, stops here instead of failing every task; the warm-up makes the first task as fast as
     * the next.
     */
    void loadModel(@Observes StartupEvent start, @Named(KeyframeSampler.NAME) KeyframeSampler sampler) {
        device().requireUsable();
        sampler.load();
        LOG.infof("keyframes come from %s (models from %s, at most %d denoiser rows per pass)", sampler.load(),
                repository(), config.maxBatch());
        if (config.warmUp()) {
            sampler.warmUp();
        }
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
