package io.framefleet.inference;

/**
 * Something went wrong loading or running a model. The subclasses say what, so a worker can map each to an outcome
 * in one place: {@link InvalidModelException} (the model files are wrong: fix the deployment),
 * {@link DeviceUnavailableException} (the configured device is absent: refuse to start),
 * {@link EngineOutOfMemoryException} (retry with smaller tiles); anything else is an engine failure.
 */
public class InferenceException extends RuntimeException {

    public InferenceException(String message) {
        super(message);
    }

    public InferenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
