package io.framefleet.worker;

import io.framefleet.contracts.TaskFailed;

/** The one place that maps an exception to an outcome (STYLE: errors classified where a message comes in). */
public final class FailureClassifier {

    private FailureClassifier() {
    }

    public static TaskFailed.Kind classify(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof BadInputException || c instanceof IllegalArgumentException) {
                return TaskFailed.Kind.BAD_INPUT;
            }
            if (c instanceof OutOfMemoryError) {
                return TaskFailed.Kind.ENGINE;
            }
            // Media errors come from the media module, which the runtime does not depend on.
            if (c.getClass().getName().equals("io.framefleet.media.MediaException")) {
                return TaskFailed.Kind.BAD_INPUT;
            }
        }
        return TaskFailed.Kind.TRANSIENT;
    }

    public static String reason(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null && sb.length() < 900; c = c.getCause()) {
            if (!sb.isEmpty()) {
                sb.append(": ");
            }
            sb.append(c.getMessage() != null ? c.getMessage() : c.getClass().getSimpleName());
            if (c.getCause() == c) {
                break;
            }
        }
        return sb.toString();
    }
}
