package io.framefleet.evaluator;

import io.framefleet.contracts.CloudEvents;
import io.framefleet.contracts.FleetEvent;
import io.framefleet.contracts.ObjectRef;
import io.framefleet.contracts.Stage;
import io.framefleet.contracts.StageTask;
import io.framefleet.contracts.TaskCompleted;
import io.framefleet.contracts.TaskFailed;
import io.framefleet.contracts.Topics;
import io.framefleet.storage.LocalObjectStore;
import io.framefleet.storage.ObjectInfo;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** The gate as deployed: a round's candidates in the store, the task through a real Kafka broker, the answer back. */
@QuarkusTest
@QuarkusTestResource(value = KafkaAndStore.class, restrictToAnnotatedClass = true)
class GateWorkerIT {

    static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void shouldAnswerTheRoundsScoresThroughKafka() throws Exception {
        Candidates.assumeScorerBundled();
        String job = "gate-" + UUID.randomUUID().toString().substring(0, 8);
        StageTask task = task(job, candidates(job, "red circle right", "blue cross still"));
        try (KafkaConsumer<String, String> results = consumer(Topics.TASK_RESULTS)) {
            send(task);

            TaskCompleted done = (TaskCompleted) awaitEvent(results, e -> e.jobId().equals(job));

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
        try (KafkaConsumer<String, String> results = consumer(Topics.TASK_RESULTS);
             LocalObjectStore store = new LocalObjectStore(KafkaAndStore.storeRoot)) {
            send(task);
            TaskCompleted first = (TaskCompleted) awaitEvent(results, e -> e.jobId().equals(job));
            var written = store.head("work", first.outputs().get(0).key()).orElseThrow().lastModified();
            Thread.sleep(1100);

            send(task);
            TaskCompleted second = (TaskCompleted) awaitEvent(results, e -> e.jobId().equals(job));

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
        try (KafkaConsumer<String, String> results = consumer(Topics.TASK_RESULTS)) {
            send(task(job, inputs));

            TaskFailed failed = (TaskFailed) awaitEvent(results, e -> e.jobId().equals(job));

            assertThat(failed.kind()).isEqualTo(TaskFailed.Kind.BAD_INPUT);
            assertThat(failed.reason()).contains("candidate 1").contains("plain text");
        }
    }

    @Test
    void shouldDeadLetterAMalformedGateTaskWithTheReason() throws Exception {
        String key = "broken-" + UUID.randomUUID().toString().substring(0, 8);
        try (KafkaConsumer<String, String> dlq = consumer(Topics.deadLetter(Topics.TASKS_GATE));
             KafkaProducer<String, String> producer = producer()) {
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.TASKS_GATE, key, "{not json");
            record.headers().add(CloudEvents.H_TYPE, "io.framefleet.task.gate.v1".getBytes(StandardCharsets.UTF_8));
            producer.send(record).get(10, TimeUnit.SECONDS);

            ConsumerRecord<String, String> dead = await(dlq, r -> key.equals(r.key()));

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

    static void send(StageTask task) throws Exception {
        try (KafkaProducer<String, String> producer = producer()) {
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.TASKS_GATE, task.jobId(),
                    CloudEvents.toJson(task));
            CloudEvents.headers(task, "framefleet/test").forEach((k, v) -> record.headers().add(k, v));
            producer.send(record).get(10, TimeUnit.SECONDS);
        }
    }

    static FleetEvent awaitEvent(KafkaConsumer<String, String> consumer, Predicate<FleetEvent> wanted) {
        ConsumerRecord<String, String> r = await(consumer, rec -> wanted.test(parse(rec)));
        return parse(r);
    }

    static FleetEvent parse(ConsumerRecord<String, String> r) {
        return CloudEvents.parse(new String(r.headers().lastHeader(CloudEvents.H_TYPE).value(), StandardCharsets.UTF_8),
                r.value());
    }

    static ConsumerRecord<String, String> await(KafkaConsumer<String, String> consumer,
                                                Predicate<ConsumerRecord<String, String>> wanted) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(300))) {
                if (wanted.test(r)) {
                    return r;
                }
            }
        }
        throw new AssertionError("nothing wanted arrived within " + WAIT);
    }

    static KafkaConsumer<String, String> consumer(String topic) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaAndStore.bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"), new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
        // Joined and positioned at the end before anything is sent, so "latest" misses nothing of this test.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (consumer.assignment().isEmpty() && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(100));
        }
        consumer.seekToEnd(consumer.assignment());
        consumer.assignment().forEach(consumer::position);
        return consumer;
    }

    static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaAndStore.bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }
}
