package io.framefleet.evaluator;

import io.framefleet.generation.AlignmentScorer;
import io.framefleet.inference.InferenceDevice;
import io.framefleet.inference.ModelRepository;
import io.framefleet.storage.ObjectStore;
import io.framefleet.worker.StageProcessor;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The evaluator's processors: {@code assemble} (the last stage of every job) and {@code gate} (the scoring
 * of a generation round's candidates). Both share one scorer, loaded when the first generation task needs it.
 */
@ApplicationScoped
public class Processors {

    @Inject
    EvaluatorConfig config;

    @Inject
    Instance<ObjectStore> store;

    private LazyScorer scorer;

    synchronized LazyScorer scorer() {
        if (scorer == null) {
            scorer = new LazyScorer(() -> AlignmentScorer.builder()
                    .setRepository(repository())
                    .setName(config.scorer())
                    .optDevice(InferenceDevice.parse(config.device()))
                    .optMaxBatch(config.maxBatch())
                    .build());
        }
        return scorer;
    }

    @Produces
    @ApplicationScoped
    @Named("assemble")
    StageProcessor assemble() {
        return new AssembleProcessor(scorer());
    }

    @Produces
    @ApplicationScoped
    @Named(GateProcessor.NAME)
    StageProcessor gate() {
        return new GateProcessor(scorer());
    }

    @PreDestroy
    synchronized void close() {
        if (scorer != null) {
            scorer.close();
        }
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
