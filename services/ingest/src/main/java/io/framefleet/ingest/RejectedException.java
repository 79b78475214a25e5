package io.framefleet.ingest;

/** A request the caller must fix; never retried. */
public class RejectedException extends Exception {
    public RejectedException(String message) {
        super(message);
    }

    public RejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
