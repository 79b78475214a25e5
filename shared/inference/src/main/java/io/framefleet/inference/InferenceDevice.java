package io.framefleet.inference;

import ai.djl.Device;
import ai.djl.engine.Engine;

import java.util.Locale;

/**
 * Where a model runs, as configured: {@code cpu}, {@code gpu} (the first GPU) or {@code gpu:N}.
 * <p>
 * GPU images bring libtorch with CUDA themselves and point DJL at it with {@code PYTORCH_LIBRARY_PATH} (the folder
 * holding libtorch.so) and {@code PYTORCH_FLAVOR} (e.g. {@code cu128}); the CPU natives on the class path are then
 * ignored. {@link #requireUsable()} is what makes a GPU worker refuse to start on a machine without that GPU.
 */
public record InferenceDevice(String kind, int index) {

    public static final InferenceDevice CPU = new InferenceDevice("cpu", -1);

    public InferenceDevice {
        if (!kind.equals("cpu") && !kind.equals("gpu")) {
            throw new IllegalArgumentException("device kind must be cpu or gpu, got " + kind);
        }
        if (kind.equals("gpu") && index < 0) {
            throw new IllegalArgumentException("GPU index must not be negative, got " + index);
        }
    }

    /** Parses {@code cpu}, {@code gpu} or {@code gpu:N}. */
    public static InferenceDevice parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("cpu")) {
            return CPU;
        }
        if (t.equals("gpu")) {
            return new InferenceDevice("gpu", 0);
        }
        if (t.matches("gpu:\\d{1,3}")) {
            return new InferenceDevice("gpu", Integer.parseInt(t.substring(4)));
        }
        throw new IllegalArgumentException("device must be cpu, gpu or gpu:N, got '" + text + "'");
    }

    public boolean isGpu() {
        return kind.equals("gpu");
    }

    /**
     * Checks the device is there and returns DJL's handle for it; {@link DeviceUnavailableException} otherwise.
     * Never falls back to the CPU: a GPU worker that quietly ran on the CPU would take tasks it finishes a hundred
     * times slower while the autoscaler believes the GPU pool is serving.
     */
    public Device requireUsable() {
        if (!isGpu()) {
            return Device.cpu();
        }
        Engine engine = Engines.pytorch();
        int gpus = engine.getGpuCount();
        if (index >= gpus) {
            throw new DeviceUnavailableException("device " + this + " is configured but " + (gpus == 0
                    ? "no GPU is usable (the PyTorch engine " + engine.getVersion() + " sees none: check the CUDA"
                    + " driver, PYTORCH_LIBRARY_PATH and PYTORCH_FLAVOR)"
                    : "only " + gpus + " GPU(s) are usable") + "; refusing to start rather than run on the CPU");
        }
        return Device.gpu(index);
    }

    @Override
    public String toString() {
        return isGpu() ? "gpu:" + index : "cpu";
    }
}
