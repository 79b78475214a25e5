package io.framefleet.keyframe;

import io.framefleet.contracts.CloudEvents;
import io.framefleet.contracts.FleetEvent;
import io.framefleet.contracts.ObjectRef;
import io.framefleet.contracts.Stage;
import io.framefleet.contracts.StageTask;
import io.framefleet.contracts.TaskCompleted;
import io.framefleet.contracts.TaskFailed;
import io.framefleet.contracts.TaskProgress;
import io.framefleet.contracts.Topics;
import io.framefleet.storage.LocalObjectStore;
import io.framefleet.storage.ObjectInfo;
import io.framefleet.testing.ChildKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The service as deployed: tasks in through a real Kafka broker, objects out to the local store, results back. */
@QuarkusTest
@QuarkusTestResource(value = KafkaAndStore.class, restrictToAnnotatedClass = true)
class KeyframeWorkerIT {

    static StageTask task(String job, Map<String, String> params) {
        return new StageTask(StageTask.taskId(job, Stage.KEYFRAME, 0, 1), job, Stage.KEYFRAME, 0, 1, List.of(),
                ObjectRef.of("work", StageTask.outputPrefix(job, Stage.KEYFRAME, 0, 1)), params);
    }

    static Map<String, String> params(String steps) {
        return Map.of("prompt", "green square zorblax", "seeds", "3,4", "steps", steps, "guidance", "3",
                "fps", "4/1", "model", "t2v-shapes");
    }

    @Test
    void shouldCompleteATaskThroughKafkaAndStoreTheCandidatesAndPreview() throws Exception {
        String job = "it-" + UUID.randomUUID().toString().substring(0, 8);
        try (KafkaConsumer<String, String> results = KafkaAndStore.kafka.consumer(Topics.TASK_RESULTS)) {
            KafkaAndStore.kafka.send(Topics.TASKS_KEYFRAME, task(job, params("1")));

            TaskProgress early = (TaskProgress) ChildKafka.awaitEvent(results, e -> e.jobId().equals(job));
            TaskCompleted done = (TaskCompleted) ChildKafka.awaitEvent(results, e -> e.jobId().equals(job));

            // The first candidate's preview is stored and announced before the round completes.
            assertThat(early.taskId()).isEqualTo(done.taskId());
            assertThat(early.note()).isEqualTo("candidate 1 of 2");
            assertThat(early.outputs()).extracting(ObjectRef::key)
                    .containsExactly("jobs/" + job + "/keyframe/0-a1/first/preview.png");
            assertThat(done.stage()).isEqualTo(Stage.KEYFRAME);
            assertThat(done.outputs()).extracting(ObjectRef::key).containsExactly(
                    "jobs/" + job + "/keyframe/0-a1/c0.mkv", "jobs/" + job + "/keyframe/0-a1/c1.mkv",
                    "jobs/" + job + "/keyframe/0-a1/preview.png");
            assertThat(done.results()).containsEntry("ignoredWords", "zorblax").containsEntry("frames", "8");
            assertThat(done.processorVersion()).startsWith("t2v-shapes@");
            try (LocalObjectStore store = new LocalObjectStore(KafkaAndStore.storeRoot)) {
                BufferedImage firstPreview = ImageIO.read(new ByteArrayInputStream(store.read("work",
                        early.outputs().get(0).key())));
                assertThat(firstPreview.getWidth() + "x" + firstPreview.getHeight())
                        .as("one row: the first candidate's 8 frames of 32 px").isEqualTo("256x32");
                for (ObjectRef out : done.outputs()) {
                    assertThat(store.head("work", out.key())).get().extracting(ObjectInfo::size).isEqualTo(out.size());
                }
            }
        }
    }

    @Test
    void shouldRepublishTheFirstResultAndWriteNothingForADuplicateTask() throws Exception {
        String job = "dup-" + UUID.randomUUID().toString().substring(0, 8);
        StageTask task = task(job, params("1"));
        try (KafkaConsumer<String, String> results = KafkaAndStore.kafka.consumer(Topics.TASK_RESULTS);
             LocalObjectStore store = new LocalObjectStore(KafkaAndStore.storeRoot)) {
            KafkaAndStore.kafka.send(Topics.TASKS_KEYFRAME, task);
            TaskCompleted first = (TaskCompleted) ChildKafka.awaitEvent(results,
                    e -> e.jobId().equals(job) && e instanceof TaskCompleted);
            String c0 = first.outputs().get(0).key();
            var written = store.head("work", c0).orElseThrow().lastModified();
            Thread.sleep(1100);

            KafkaAndStore.kafka.send(Topics.TASKS_KEYFRAME, task);
            // A duplicate republishes the result only: no second progress.
            FleetEvent second = ChildKafka.awaitEvent(results, e -> e.jobId().equals(job));

            assertThat(second).isEqualTo(first);
            assertThat(store.head("work", c0).orElseThrow().lastModified()).as("not written again").isEqualTo(written);
            assertThat(store.list("work", "jobs/" + job + "/")).extracting(ObjectInfo::key)
                    .as("the three outputs, the first candidate's preview and the done-marker, once").hasSize(5);
        }
    }

    @Test
    void shouldFailATaskWithOutOfRangeStepsAsBadInputWithTheReason() throws Exception {
        String job = "bad-" + UUID.randomUUID().toString().substring(0, 8);
        try (KafkaConsumer<String, String> results = KafkaAndStore.kafka.consumer(Topics.TASK_RESULTS)) {
            KafkaAndStore.kafka.send(Topics.TASKS_KEYFRAME, task(job, params("500")));

            TaskFailed failed = (TaskFailed) ChildKafka.awaitEvent(results, e -> e.jobId().equals(job));

            assertThat(failed.kind()).isEqualTo(TaskFailed.Kind.BAD_INPUT);
            assertThat(failed.reason()).contains("steps must be 1 to 200, got 500");
        }
    }

    @Test
    void shouldDeadLetterAMalformedTaskWithTheReason() throws Exception {
        String key = "broken-" + UUID.randomUUID().toString().substring(0, 8);
        try (KafkaConsumer<String, String> dlq = KafkaAndStore.kafka.consumer(Topics.deadLetter(Topics.TASKS_KEYFRAME));
             KafkaProducer<String, String> producer = KafkaAndStore.kafka.producer()) {
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.TASKS_KEYFRAME, key, "{not json");
            record.headers().add(CloudEvents.H_TYPE, "io.framefleet.task.keyframe.v1".getBytes(StandardCharsets.UTF_8));
            producer.send(record).get(10, TimeUnit.SECONDS);

            ConsumerRecord<String, String> dead = ChildKafka.await(dlq, r -> key.equals(r.key()));

            assertThat(dead.value()).isEqualTo("{not json");
            assertThat(dead.headers().lastHeader("dead-letter-reason")).isNotNull();
            assertThat(new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                    .isNotBlank();
        }
    }
}
