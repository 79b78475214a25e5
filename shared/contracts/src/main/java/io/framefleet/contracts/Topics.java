package io.framefleet.contracts;

import java.util.List;

/** Every Kafka topic of the fleet. The channel is the topic; tests and the AsyncAPI check reuse these. */
public final class Topics {

    /** S3/MinIO bucket notifications (the AWS JSON format, not CloudEvents), and the inbox watcher's. */
    public static final String UPLOAD_NOTIFICATIONS = "framefleet.uploads";
    /** Job submissions from other systems (CloudEvents). */
    public static final String JOB_SUBMISSIONS = "framefleet.jobs.submissions";
    /** Text-to-video prompts from other systems (CloudEvents {@code io.framefleet.prompt.submitted.v1}). */
    public static final String PROMPT_SUBMISSIONS = "framefleet.prompts";
    /** Validated job requests, rejections and cancellations: ingest to planner. */
    public static final String JOB_REQUESTS = "framefleet.jobs.requests";
    /** Job status events other systems follow. */
    public static final String JOB_STATUS = "framefleet.jobs.status";
    /** Planner job state, compacted, one record per job. */
    public static final String PLANNER_STATE = "framefleet.planner.state";
    /** Base clips sampled from a prompt: planner to the keyframe service. */
    public static final String TASKS_KEYFRAME = "framefleet.tasks.keyframe";
    /** Scoring a round's candidates against the prompt: planner to the evaluator. */
    public static final String TASKS_GATE = "framefleet.tasks.gate";
    public static final String TASKS_INTERPOLATE = "framefleet.tasks.interpolate";
    public static final String TASKS_UPSCALE = "framefleet.tasks.upscale";
    public static final String TASKS_EVALUATE = "framefleet.tasks.evaluate";
    /** Results of every stage task: workers to planner. */
    public static final String TASK_RESULTS = "framefleet.tasks.results";

    /** Suffix of a consumer's dead-letter topic. */
    public static final String DEAD_LETTER_SUFFIX = ".dlq";

    private Topics() {
    }

    public static String taskTopic(Stage stage) {
        return switch (stage) {
            case KEYFRAME -> TASKS_KEYFRAME;
            case GATE -> TASKS_GATE;
            case INTERPOLATE -> TASKS_INTERPOLATE;
            case UPSCALE -> TASKS_UPSCALE;
            case EVALUATE -> TASKS_EVALUATE;
        };
    }

    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }

    public static List<String> all() {
        return List.of(UPLOAD_NOTIFICATIONS, JOB_SUBMISSIONS, PROMPT_SUBMISSIONS, JOB_REQUESTS, JOB_STATUS,
                PLANNER_STATE, TASKS_KEYFRAME, TASKS_GATE, TASKS_INTERPOLATE, TASKS_UPSCALE, TASKS_EVALUATE,
                TASK_RESULTS,
                deadLetter(UPLOAD_NOTIFICATIONS), deadLetter(JOB_SUBMISSIONS), deadLetter(PROMPT_SUBMISSIONS),
                deadLetter(JOB_REQUESTS), deadLetter(TASKS_KEYFRAME), deadLetter(TASKS_GATE),
                deadLetter(TASKS_INTERPOLATE), deadLetter(TASKS_UPSCALE), deadLetter(TASKS_EVALUATE),
                deadLetter(TASK_RESULTS));
    }
}
