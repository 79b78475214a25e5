package io.framefleet.deploycheck;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class InvariantsTest {

    private static Invariants invariants;

    @BeforeAll
    static void readServiceConfiguration() throws IOException {
        invariants = Renders.invariants();
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "local", "gpu"})
    void shouldHoldForEveryRender(String render) {
        assertThat(invariants.common(Renders.get(render))).isEmpty();
    }

    @Test
    void shouldRunGpuStagesOnGpusThatScaleToZeroInTheGpuOverlay() {
        assertThat(invariants.gpu(Renders.get("gpu"))).isEmpty();
    }

    @Test
    void shouldSeeThatBaseRunsNoStageOnAGpu() {
        assertThat(invariants.gpu(Renders.get("base")))
                .anySatisfy(v -> assertThat(v).startsWith("superres: container superres has no nvidia.com/gpu limit"))
                .anySatisfy(v -> assertThat(v).startsWith("keyframe: does not scale to zero"));
    }

    @Test
    void shouldCatchAConsumerGroupTheServiceDoesNotUse() {
        Manifests m = Renders.get("base").copy();
        trigger(m, "evaluator", 1).put("consumerGroup", "framefleet-evaluator");

        assertThat(invariants.scaledObjectsFollowChannels(m)).containsExactly(
                "ScaledObject evaluator: consumerGroup framefleet-evaluator on framefleet.tasks.gate, but evaluator reads it"
                        + " as framefleet-evaluator-gate",
                "ScaledObject evaluator: no kafka trigger for its task topic framefleet.tasks.gate");
    }

    @Test
    void shouldCatchATaskTopicWithoutATrigger() {
        Manifests m = Renders.get("base").copy();
        ((ArrayNode) m.get("ScaledObject", "evaluator").path("spec").path("triggers")).remove(1);

        assertThat(invariants.scaledObjectsFollowChannels(m))
                .containsExactly("ScaledObject evaluator: no kafka trigger for its task topic framefleet.tasks.gate");
    }

    @Test
    void shouldCatchAMisspeltTriggerParameterAndAShortBootstrapName() {
        Manifests m = Renders.get("base").copy();
        ObjectNode md = trigger(m, "superres", 0);
        md.set("lagTreshold", md.remove("lagThreshold"));
        md.put("bootstrapServers", "framefleet-kafka-bootstrap:9092");

        assertThat(invariants.scaledObjectsFollowChannels(m)).containsExactlyInAnyOrder(
                "ScaledObject superres: unknown kafka trigger parameter lagTreshold",
                "ScaledObject superres: lagThreshold on framefleet.tasks.upscale must be a whole number >= 1",
                "ScaledObject superres: bootstrapServers framefleet-kafka-bootstrap is not framefleet-kafka-bootstrap of"
                        + " namespace framefleet by its full name");
    }

    @Test
    void shouldCatchMoreReplicasThanPartitions() {
        Manifests m = Renders.get("gpu").copy();
        ((ObjectNode) m.get("ScaledObject", "superres").path("spec")).put("maxReplicaCount", 13);
        ((ObjectNode) m.get("HorizontalPodAutoscaler", "ingest").path("spec")).put("maxReplicas", 7);

        assertThat(invariants.replicasWithinPartitions(m)).containsExactlyInAnyOrder(
                "ScaledObject superres: maxReplicaCount 13 > 12 partitions of framefleet.tasks.upscale",
                "HorizontalPodAutoscaler ingest: maxReplicas 7 > 6 partitions of framefleet.uploads",
                "HorizontalPodAutoscaler ingest: maxReplicas 7 > 6 partitions of framefleet.jobs.submissions",
                "HorizontalPodAutoscaler ingest: maxReplicas 7 > 6 partitions of framefleet.prompts");
    }

    @Test
    void shouldCatchAGracePeriodShorterThanTheShutdownOrTheLongestTask() {
        Manifests m = Renders.get("base").copy();
        podSpec(m, "superres").put("terminationGracePeriodSeconds", 60);
        podSpec(m, "keyframe").put("terminationGracePeriodSeconds", 61);
        ((ObjectNode) m.get("Deployment", "keyframe").path("metadata").path("annotations"))
                .put(Invariants.LONGEST_TASK, "300");

        assertThat(invariants.gracePeriodCoversShutdownAndLongestTask(m)).containsExactlyInAnyOrder(
                "Deployment superres: terminationGracePeriodSeconds 60 <= quarkus.shutdown.timeout 60 s",
                "Deployment keyframe: terminationGracePeriodSeconds 61 <= longest documented task 300 s");
    }

    @Test
    void shouldCatchAMissingProbeLimitAndDisruptionBudget() {
        Manifests m = Renders.get("local").copy();
        ObjectNode container = (ObjectNode) podSpec(m, "interpolator").path("containers").get(0);
        container.remove("readinessProbe");
        ((ObjectNode) container.path("resources").path("limits")).remove("memory");
        m.all().remove(m.get("PodDisruptionBudget", "interpolator"));

        assertThat(invariants.deploymentsAreComplete(m)).containsExactlyInAnyOrder(
                "Deployment interpolator: no readinessProbe",
                "Deployment interpolator: no memory in resources.limits",
                "Deployment interpolator: no PodDisruptionBudget selects its pods");
    }

    @Test
    void shouldCatchAMissingDeadLetterTopicAndAStateTopicThatIsNotCompacted() {
        Manifests m = Renders.get("base").copy();
        m.all().remove(Invariants.kafkaTopic(m, "framefleet.tasks.gate.dlq").orElseThrow());
        ((ObjectNode) Invariants.kafkaTopic(m, "framefleet.planner.state").orElseThrow().path("spec").path("config"))
                .put("cleanup.policy", "delete");

        assertThat(invariants.everyTopicHasKafkaTopic(m)).containsExactly(
                "no KafkaTopic for framefleet.tasks.gate.dlq",
                "KafkaTopic framefleet.planner.state is not compacted");
    }

    @Test
    void shouldCatchAPolicyThatOpensAllEgress() {
        Manifests m = Renders.get("base").copy();
        ((ArrayNode) m.get("NetworkPolicy", "framefleet-allow-dns").path("spec").path("egress")).addObject();
        ((ObjectNode) m.get("NetworkPolicy", "framefleet-allow-object-storage").path("spec").path("egress").get(0))
                .remove("ports");
        ((ObjectNode) m.get("NetworkPolicy", "framefleet-allow-object-storage").path("spec").path("egress").get(0)
                .path("to").get(0).path("ipBlock")).remove("except");

        assertThat(invariants.noPolicyAllowsAllEgress(m)).containsExactly(
                "NetworkPolicy framefleet-allow-dns allows all egress",
                "NetworkPolicy framefleet-allow-object-storage allows all egress");
    }

    @Test
    void shouldCatchAFleetPodWithoutDefaultDeny() {
        Manifests m = Renders.get("base").copy();
        m.all().remove(m.get("NetworkPolicy", "framefleet-default-deny"));

        assertThat(invariants.fleetIsDeniedByDefault(m)).hasSize(Invariants.SERVICES.size());
    }

    @Test
    void shouldCatchAMisspeltTopicSettingAndMoreReplicasThanBrokers() {
        Manifests m = Renders.get("local").copy();
        ObjectNode spec = (ObjectNode) Invariants.kafkaTopic(m, "framefleet.tasks.upscale").orElseThrow().path("spec");
        ((ObjectNode) spec.path("config")).put("retention.msec", 1000);
        spec.put("replicas", 3);
        ((ObjectNode) Invariants.kafkaTopic(m, "framefleet.prompts").orElseThrow().path("metadata").path("labels"))
                .put("strimzi.io/cluster", "other");

        assertThat(invariants.kafkaTopicsFitTheCluster(m)).containsExactlyInAnyOrder(
                "KafkaTopic framefleet.prompts: not labelled strimzi.io/cluster=framefleet",
                "KafkaTopic framefleet.tasks.upscale: retention.msec is not a Kafka topic setting",
                "KafkaTopic framefleet.tasks.upscale: replicas 3 > the 1 broker(s) of cluster framefleet");
    }

    @Test
    void shouldCatchAMinInsyncAboveTheReplicas() {
        Manifests m = Renders.get("base").copy();
        ((ObjectNode) Invariants.kafkaTopic(m, "framefleet.planner.state").orElseThrow().path("spec")).put("replicas", 1);

        assertThat(invariants.kafkaTopicsFitTheCluster(m)).containsExactly(
                "KafkaTopic framefleet.planner.state: min.insync.replicas 2 > replicas 1 (acks=all never succeeds)");
    }

    @Test
    void shouldCatchASecondPlannerOrARollingOne() {
        Manifests m = Renders.get("base").copy();
        ObjectNode spec = (ObjectNode) m.get("Deployment", "planner").path("spec");
        spec.put("replicas", 2);
        ((ObjectNode) spec.path("strategy")).put("type", "RollingUpdate");

        assertThat(invariants.plannerRunsAlone(m)).containsExactly(
                "Deployment planner: replicas must be 1",
                "Deployment planner: strategy must be Recreate (two planners would both load the state)");
    }

    @Test
    void shouldCatchAGpuStageThatKeepsAReplica() {
        Manifests m = Renders.get("gpu").copy();
        ((ObjectNode) m.get("ScaledObject", "superres").path("spec")).put("minReplicaCount", 1);

        assertThat(invariants.gpu(m)).containsExactly(
                "superres: does not scale to zero (ScaledObject minReplicaCount 0)");
    }

    private static ObjectNode trigger(Manifests m, String scaledObject, int index) {
        return (ObjectNode) m.get("ScaledObject", scaledObject).path("spec").path("triggers").get(index).path("metadata");
    }

    private static ObjectNode podSpec(Manifests m, String deployment) {
        return (ObjectNode) m.get("Deployment", deployment).path("spec").path("template").path("spec");
    }
}
