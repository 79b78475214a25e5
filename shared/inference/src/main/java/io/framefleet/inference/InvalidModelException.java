package io.framefleet.inference;

/** A model descriptor is malformed, names a file that is missing, or the file's digest does not match it. */
public class InvalidModelException extends InferenceException {

    public InvalidModelException(String message) {
        super(message);
    }

    public InvalidModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
