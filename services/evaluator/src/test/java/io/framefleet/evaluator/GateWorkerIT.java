package io.framefleet.evaluator;

import io.framefleet.contracts.CloudEvents;
import io.framefleet.contracts.ObjectRef;
import io.framefleet.contracts.Stage;
import io.framefleet.contracts.StageTask;
import io.framefleet.contracts.TaskCompleted;
import io.framefleet.contracts.TaskFailed;
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
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The gate as deployed: a round's candidates in the store, the task through a real Kafka broker, the answer back. */
@QuarkusTest
@QuarkusTestResource(value = KafkaAndStore.class, restrictToAnnotatedClass = true)
class GateWorkerIT {

    @TempDir
    Path dir;

    @Test
    void shouldAnswerTheRoundsScoresThroughKafka() throws Exception {
        Candidates.assumeScorerBundled();
        String job = "gate-" + UUID.randomUUID().toString().substring(0, 8);
        StageTask task = task(job, candidates(job, "red circle right", "blue cross still"));
        try (KafkaConsumer<String, String> results = KafkaAndStore.kafka.consumer(Topics.TASK_RESULTS)) {
            KafkaAndStore.kafka.send(Topics.TASKS_GATE, task);

            TaskCompleted done = (TaskCompleted) ChildKafka.awaitEvent(results, e -> e.jobId().equals(job));

            assertThat(done.stage()).isEqualTo(Stage.GATE);
            assertThat(done.processor()).isEqualTo(GateProcessor.NAME);
            assertThat(done.processorVersion()).startsWith("t2v-scorer@");
            assertThat(done.outputs()).extracting(ObjectRef::key).containsExactly("jobs/" + job + "/gate/0-a1.json");
            String[] scores = done.results().get("scores").split(",");
            assertThat(scores).hasSize(2);
            int best = Integer.parseInt(done.results().get("best"));
            assertThat(Double.parseDouble(done.results().get("bestScore"))).isEqualTo(Double.parseDouble(scores[best]));
            assertThat(Double.parseDouble(scores[best])).isGreaterThanOrEqualTo(Double.parseDouble(scores[1 - best]));
        }
    }

    @Test
    void shouldRepublishTheFirstAnswerAndWriteNothingForADuplicateTask() throws Exception {
        Candidates.assumeScorerBundled();
        String job = "dup-" + UUID.randomUUID().toString().substring(0, 8);
        StageTask task = task(job, candidates(job, "green square up"));
        try (KafkaConsumer<String, String> results = KafkaAndStore.kafka.consumer(Topics.TASK_RESULTS);
             LocalObjectStore store = new LocalObjectStore(KafkaAndStore.storeRoot)) {
            KafkaAndStore.kafka.send(Topics.TASKS_GATE, task);
            TaskCompleted first = (TaskCompleted) ChildKafka.awaitEvent(results, e -> e.jobId().equals(job));
            var written = store.head("work", first.outputs().get(0).key()).orElseThrow().lastModified();
            Thread.sleep(1100);

            KafkaAndStore.kafka.send(Topics.TASKS_GATE, task);
            TaskCompleted second = (TaskCompleted) ChildKafka.awaitEvent(results, e -> e.jobId().equals(job));

            assertThat(second).isEqualTo(first);
            assertThat(store.head("work", first.outputs().get(0).key()).orElseThrow().lastModified())
                    .as("not written again").isEqualTo(written);
            assertThat(store.list("work", "jobs/" + job + "/gate/")).extracting(ObjectInfo::key)
                    .as("the scores and the done-marker, once").hasSize(2);
        }
    }

    @Test
    void shouldFailARoundWithAnUnreadableCandidateAsBadInputWithTheReason() throws Exception {
        String job = "bad-" + UUID.randomUUID().toString().substring(0, 8);
        List<ObjectRef> inputs = new ArrayList<>(candidates(job, "red circle right"));
        try (LocalObjectStore store = new LocalObjectStore(KafkaAndStore.storeRoot)) {
            inputs.add(store.put("work", "jobs/" + job + "/keyframe/0-a1/c1.mkv",
                    "<html>gateway timeout</html>".getBytes(StandardCharsets.UTF_8), "text/html"));
        }
        try (KafkaConsumer<String, String> results = KafkaAndStore.kafka.consumer(Topics.TASK_RESULTS)) {
            KafkaAndStore.kafka.send(Topics.TASKS_GATE, task(job, inputs));

            TaskFailed failed = (TaskFailed) ChildKafka.awaitEvent(results, e -> e.jobId().equals(job));

            assertThat(failed.kind()).isEqualTo(TaskFailed.Kind.BAD_INPUT);
            assertThat(failed.reason()).contains("candidate 1").contains("plain text");
        }
    }

    @Test
    void shouldDeadLetterAMalformedGateTaskWithTheReason() throws Exception {
        String key = "broken-" + UUID.randomUUID().toString().substring(0, 8);
        try (KafkaConsumer<String, String> dlq = KafkaAndStore.kafka.consumer(Topics.deadLetter(Topics.TASKS_GATE));
             KafkaProducer<String, String> producer = KafkaAndStore.kafka.producer()) {
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.TASKS_GATE, key, "{not json");
            record.headers().add(CloudEvents.H_TYPE, "io.framefleet.task.gate.v1".getBytes(StandardCharsets.UTF_8));
            producer.send(record).get(10, TimeUnit.SECONDS);

            ConsumerRecord<String, String> dead = ChildKafka.await(dlq, r -> key.equals(r.key()));

            assertThat(dead.value()).isEqualTo("{not json");
            assertThat(dead.headers().lastHeader("dead-letter-reason")).isNotNull();
        }
    }

    /** Base clips of the combinations, written as the keyframe stage writes them, in the work bucket. */
    private List<ObjectRef> candidates(String job, String... combinations) throws Exception {
        List<ObjectRef> refs = new ArrayList<>();
        try (LocalObjectStore store = new LocalObjectStore(KafkaAndStore.storeRoot)) {
            store.ensureBucket("work");
            for (int i = 0; i < combinations.length; i++) {
                Path file = Candidates.write(Files.createTempFile(dir, "c", ".mkv"),
                        Candidates.render(combinations[i], 10, 16), 4);
                refs.add(store.put("work", "jobs/" + job + "/keyframe/0-a1/c" + i + ".mkv", file));
            }
        }
        return refs;
    }

    static StageTask task(String job, List<ObjectRef> inputs) {
        return new StageTask(StageTask.taskId(job, Stage.GATE, 0, 1), job, Stage.GATE, 0, 1, inputs,
                ObjectRef.of("work", StageTask.outputKey(job, Stage.GATE, 0, 1, "json")),
                Map.of("processor", GateProcessor.NAME, "prompt", "a red circle moving right", "threshold", "0.5"));
    }
}
