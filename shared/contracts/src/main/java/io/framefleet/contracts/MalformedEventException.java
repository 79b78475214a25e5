package io.framefleet.contracts;

/** An event that cannot be read: it goes to the dead-letter topic with this message as reason. */
public class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
