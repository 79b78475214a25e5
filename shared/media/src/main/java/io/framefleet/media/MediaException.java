package io.framefleet.media;

/** Media that cannot be read or written as asked: bad input, reported to the user with this message. */
public class MediaException extends RuntimeException {
    public MediaException(String message) {
        super(message);
    }

    public MediaException(String message, Throwable cause) {
        super(message, cause);
    }
}
