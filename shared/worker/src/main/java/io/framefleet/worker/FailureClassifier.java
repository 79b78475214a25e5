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
            // Media and model errors come from modules the runtime does not depend on.
            String type = c.getClass().getName();
            if (type.equals("io.framefleet.media.MediaException")) {
                return TaskFailed.Kind.BAD_INPUT;
            }
            // Out of memory even at the smallest tile, or a model file that fails its digest: the engine or the
            // deployment is at fault, not the input; another worker (another GPU, a fixed model) may succeed.
            if (type.equals("io.framefleet.inference.EngineOutOfMemoryException")
                    || type.equals("io.framefleet.inference.InvalidModelException")
                    || type.equals("io.framefleet.inference.DeviceUnavailableException")) {
                return TaskFailed.Kind.ENGINE;
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
