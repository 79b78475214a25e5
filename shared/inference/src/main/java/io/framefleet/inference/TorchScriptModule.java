package io.framefleet.inference;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One TorchScript file loaded on a device, for models whose inputs are several tensors (a denoiser takes a sample,
 * a time and a text embedding) and so do not fit a one-item translator. Callers make their input arrays in a
 * manager from {@link #newManager()} and close it when they have read the outputs, which live in the same manager.
 * <p>
 * Safe to call from several threads: a scripted module's forward keeps no state between calls.
 */
public final class TorchScriptModule implements AutoCloseable {

    private final Model model;
    private final InferenceDevice device;
    private final String label;

    private TorchScriptModule(Model model, InferenceDevice device, String label) {
        this.model = model;
        this.device = device;
        this.label = label;
    }

    /**
     * Loads {@code file} (a {@code .pt} saved by {@code torch.jit.save}) on {@code device};
     * {@link DeviceUnavailableException} when the device is not usable, {@link InvalidModelException} when the file
     * is not TorchScript. {@code label} names the module in messages.
     */
    public static TorchScriptModule load(Path file, InferenceDevice device, String label) {
        Device djlDevice = device.requireUsable();
        String fileName = file.getFileName().toString();
        String prefix = fileName.endsWith(".pt") ? fileName.substring(0, fileName.length() - 3) : fileName;
        Model model = Model.newInstance(label, djlDevice, Engines.pytorch().getEngineName());
        try {
            model.load(file.getParent(), prefix);
            return new TorchScriptModule(model, device, label);
        } catch (MalformedModelException | IOException | RuntimeException e) {
            model.close();
            throw new InvalidModelException("cannot load " + label + " from " + file + ": " + e.getMessage(), e);
        }
    }

    /** A manager on this module's device for one call's arrays; the caller closes it. */
    public NDManager newManager() {
        return model.getNDManager().newSubManager();
    }

    /** Runs the module's forward in inference mode; the outputs belong to the inputs' manager. */
    public NDList forward(NDList inputs) {
        Block block = model.getBlock();
        try {
            return block.forward(new ParameterStore(inputs.head().getManager(), false), inputs, false);
        } catch (RuntimeException e) {
            if (EngineOutOfMemoryException.isOutOfMemory(e)) {
                throw new EngineOutOfMemoryException(label + " ran out of memory on " + device + ": " + e.getMessage(), e);
            }
            throw new InferenceException("running " + label + " on " + device + " failed: " + e.getMessage(), e);
        }
    }

    public InferenceDevice device() {
        return device;
    }

    @Override
    public void close() {
        model.close();
    }

    @Override
    public String toString() {
        return label + " on " + device;
    }
}
