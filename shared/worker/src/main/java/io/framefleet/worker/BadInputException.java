package io.framefleet.worker;

/** The task cannot succeed however often it is retried: the job fails with this message. */
public class BadInputException extends Exception {
    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
