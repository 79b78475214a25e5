package io.framefleet.inference;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One TorchScript file loaded on a device, for models whose inputs are several tensors (a denoiser takes a sample,
 * a time and a text embedding) and so do not fit a one-item translator. Tensors go in and come out as
 * {@link Tensor}s in Java memory; engine arrays live only for the duration of one {@link #forward} call.
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

    /**
     * Runs the module's forward in inference mode. Outputs come back as float32 whatever the module returned;
     * {@link EngineOutOfMemoryException} when the engine ran out of memory, {@link InferenceException} for any other
     * engine failure.
     */
    public List<Tensor> forward(Tensor... inputs) {
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDList in = new NDList(inputs.length);
            for (Tensor t : inputs) {
                Shape shape = new Shape(t.shape());
                in.add(t.floats() != null
                        ? manager.create(FloatBuffer.wrap(t.floats()), shape, DataType.FLOAT32)
                        : manager.create(LongBuffer.wrap(t.longs()), shape, DataType.INT64));
            }
            NDList out = model.getBlock().forward(new ParameterStore(manager, false), in, false);
            List<Tensor> results = new ArrayList<>(out.size());
            for (NDArray a : out) {
                NDArray f = a.getDataType() == DataType.FLOAT32 ? a : a.toType(DataType.FLOAT32, false);
                results.add(Tensor.of(f.toFloatArray(), a.getShape().getShape()));
            }
            return results;
        } catch (RuntimeException e) {
            if (EngineOutOfMemoryException.isOutOfMemory(e)) {
                throw new EngineOutOfMemoryException(label + " ran out of memory on " + device + ": " + e.getMessage(), e);
            }
            throw new InferenceException("running " + label + " on " + device + " failed: " + e.getMessage(), e);
        }
    }

    /** The single output of a module that returns one tensor. */
    public Tensor forwardOne(Tensor... inputs) {
        List<Tensor> out = forward(inputs);
        if (out.size() != 1) {
            throw new InferenceException(label + " returned " + out.size() + " tensors, expected one");
        }
        return out.get(0);
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
