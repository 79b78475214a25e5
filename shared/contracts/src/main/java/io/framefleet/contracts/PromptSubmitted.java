package io.framefleet.contracts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A text-to-video job asked for by another system on {@link Topics#PROMPT_SUBMISSIONS}. The job
 * id is derived from the CloudEvent's {@code source} and {@code id}, so a re-published event
 * makes no second job.
 *
 * @param options      optional; absent fields take their defaults
 * @param outputBucket optional; the fleet's output bucket when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PromptSubmitted(String prompt, GenerateOptions options, String outputBucket) implements FleetEvent {
    public static final String TYPE = "io.framefleet.prompt.submitted.v1";
    public static final int MAX_PROMPT = 500;

    /** Not part of the event: ingest derives it from the CloudEvent attributes. */
    @Override
    @JsonIgnore
    public String jobId() {
        return null;
    }

    /**
     * @throws IllegalArgumentException when the prompt is empty or too long, or an option is out of range
     */
    public PromptSubmitted check() {
        checkPrompt(prompt);
        if (options != null) {
            options.check();
        }
        return this;
    }

    public static void checkPrompt(String prompt) {
        if (prompt == null || prompt.isBlank()) {
            throw new IllegalArgumentException("prompt must not be empty");
        }
        if (prompt.length() > MAX_PROMPT) {
            throw new IllegalArgumentException("prompt must be at most " + MAX_PROMPT + " characters but has "
                    + prompt.length());
        }
    }
}
