package io.framefleet.inference;

import java.util.Locale;

/**
 * The engine could not allocate memory for a batch, or the batch was above the configured memory ceiling. Smaller
 * tiles or batches may succeed; {@link ImageUpscaler} retries them itself and throws this only when the smallest
 * tile still fails.
 */
public class EngineOutOfMemoryException extends InferenceException {

    public EngineOutOfMemoryException(String message) {
        super(message);
    }

    public EngineOutOfMemoryException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Whether an exception from the engine means "not enough memory". libtorch reports it as a plain
     * {@code c10::Error} that DJL wraps in an {@code EngineException}, so the message is all there is:
     * "CUDA out of memory", "DefaultCPUAllocator: not enough memory", "can't allocate memory", std::bad_alloc.
     */
    public static boolean isOutOfMemory(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof EngineOutOfMemoryException || c instanceof OutOfMemoryError) {
                return true;
            }
            String m = c.getMessage() == null ? "" : c.getMessage().toLowerCase(Locale.ROOT);
            if (m.contains("out of memory") || m.contains("not enough memory") || m.contains("can't allocate memory")
                    || m.contains("bad_alloc") || m.contains("failed to allocate")) {
                return true;
            }
        }
        return false;
    }
}
