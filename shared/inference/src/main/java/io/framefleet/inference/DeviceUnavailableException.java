package io.framefleet.inference;

/** The configured device cannot be used; a worker must not start rather than run somewhere else. */
public class DeviceUnavailableException extends InferenceException {

    public DeviceUnavailableException(String message) {
        super(message);
    }
}
