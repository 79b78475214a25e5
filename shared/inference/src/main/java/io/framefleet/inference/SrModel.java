package io.framefleet.inference;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import org.jboss.logging.Logger;

import java.io.IOException;

/**
 * One loaded super-resolution model, shared by the worker's threads; each thread asks for its own predictor
 * ({@link #newPredictor()}), as DJL's predictors are not thread-safe. Built with {@link #builder()}:
 * <pre>{@code
 * try (SrModel model = SrModel.builder().setRepository(repo).setName("sr-fast-x2").optDevice(device).build()) { ... }
 * }</pre>
 */
public final class SrModel implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SrModel.class);

    private final ModelDescriptor descriptor;
    private final InferenceDevice device;
    private final ZooModel<PlanarImage, PlanarImage> model;

    private SrModel(ModelDescriptor descriptor, InferenceDevice device, ZooModel<PlanarImage, PlanarImage> model) {
        this.descriptor = descriptor;
        this.device = device;
        this.model = model;
    }

    public static Builder builder() {
        return new Builder();
    }

    public ModelDescriptor descriptor() {
        return descriptor;
    }

    public int scale() {
        return descriptor.scale();
    }

    public InferenceDevice device() {
        return device;
    }

    /** A predictor for the calling thread; close it when the thread is done. */
    Predictor<PlanarImage, PlanarImage> newPredictor() {
        return model.newPredictor();
    }

    @Override
    public void close() {
        model.close();
    }

    @Override
    public String toString() {
        return descriptor.tag() + " on " + device;
    }

    public static final class Builder {
        private ModelRepository repository;
        private String name;
        private InferenceDevice device = InferenceDevice.CPU;

        private Builder() {
        }

        public Builder setRepository(ModelRepository repository) {
            this.repository = repository;
            return this;
        }

        public Builder setName(String name) {
            this.name = name;
            return this;
        }

        /** Defaults to the CPU. */
        public Builder optDevice(InferenceDevice device) {
            this.device = device;
            return this;
        }

        /**
         * Loads the model; {@link InvalidModelException} when it is missing, damaged or not TorchScript,
         * {@link DeviceUnavailableException} when the device is not usable.
         */
        public SrModel build() {
            if (repository == null || name == null) {
                throw new IllegalStateException("setRepository and setName are required");
            }
            // The device first: a GPU worker on a GPU-less node must fail before it spends time on anything else.
            Device djlDevice = device.requireUsable();
            ModelRepository.LocalModel local = repository.resolve(name);
            ModelDescriptor d = local.descriptor();
            String fileName = d.file().endsWith(".pt") ? d.file().substring(0, d.file().length() - 3) : d.file();
            Criteria<PlanarImage, PlanarImage> criteria = Criteria.builder()
                    .setTypes(PlanarImage.class, PlanarImage.class)
                    .optEngine(Engines.pytorch().getEngineName())
                    .optModelPath(local.file().getParent())
                    .optModelName(fileName)
                    .optDevice(djlDevice)
                    .optTranslator(new PlanarTranslator(d.scale()))
                    .build();
            try {
                ZooModel<PlanarImage, PlanarImage> zoo = criteria.loadModel();
                LOG.infof("loaded model %s (%d parameters, x%d, halo %d) on %s from %s", d.tag(), d.parameters(),
                        d.scale(), d.halo(), device, repository);
                return new SrModel(d, device, zoo);
            } catch (ModelNotFoundException | MalformedModelException | IOException | RuntimeException e) {
                throw new InvalidModelException("cannot load " + d.tag() + " from " + local.file() + ": "
                        + e.getMessage(), e);
            }
        }
    }
}
