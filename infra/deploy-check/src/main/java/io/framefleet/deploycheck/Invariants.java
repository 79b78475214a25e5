package io.framefleet.deploycheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.framefleet.contracts.Topics;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rules that tie k8s/ to the services' own configuration and to the design. Each check returns one
 * line per violation (empty when the manifests keep the rule), so a test can break a copy of the
 * manifests and see the rule catch it.
 */
public final class Invariants {

    /** The services with a Deployment each, named as their folder under services/. */
    public static final List<String> SERVICES = List.of("ingest", "planner", "keyframe", "interpolator", "superres",
            "evaluator");
    /** The stages that may run on a GPU, by service. */
    public static final List<String> GPU_SERVICES = List.of("keyframe", "superres");
    /** The annotation that states a stage's longest documented task, in seconds. */
    public static final String LONGEST_TASK = "framefleet.io/longest-task-seconds";
    static final String PART_OF = "app.kubernetes.io/part-of";
    static final String NAME = "app.kubernetes.io/name";
    private static final String GPU = "nvidia.com/gpu";
    /** Parameters of KEDA's kafka scaler; a misspelt one is silently ignored by KEDA, so it is caught here. */
    private static final Set<String> KAFKA_TRIGGER_KEYS = Set.of("bootstrapServers", "consumerGroup", "topic",
            "lagThreshold", "activationLagThreshold", "offsetResetPolicy", "allowIdleConsumers",
            "scaleToZeroOnInvalidOffset", "excludePersistentLag", "limitToPartitionsWithLag",
            "ensureEvenDistributionOfPartitions", "partitionLimitation", "version", "sasl", "tls");

    private final Map<String, ServiceConfig> services;

    public Invariants(Map<String, ServiceConfig> services) {
        this.services = services;
    }

    public static Invariants forRepository(Path repoRoot) throws IOException {
        Map<String, ServiceConfig> configs = new LinkedHashMap<>();
        for (String service : SERVICES) {
            configs.put(service, ServiceConfig.read(repoRoot, service));
        }
        return new Invariants(configs);
    }

    /** Every rule that holds for any render. */
    public List<String> common(Manifests m) {
        List<String> out = new ArrayList<>();
        out.addAll(scaledObjectsFollowChannels(m));
        out.addAll(replicasWithinPartitions(m));
        out.addAll(gracePeriodCoversShutdownAndLongestTask(m));
        out.addAll(deploymentsAreComplete(m));
        out.addAll(everyTopicHasKafkaTopic(m));
        out.addAll(fleetIsDeniedByDefault(m));
        out.addAll(noPolicyAllowsAllEgress(m));
        out.addAll(plannerRunsAlone(m));
        out.addAll(kafkaTopicsFitTheCluster(m));
        return out;
    }

    /** The GPU overlay's rules: GPU stages ask for a GPU, run the CUDA image on the GPU pool and scale to zero. */
    public List<String> gpu(Manifests m) {
        List<String> out = new ArrayList<>();
        for (String service : GPU_SERVICES) {
            ObjectNode deployment = m.get("Deployment", service);
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            for (JsonNode c : pod.path("containers")) {
                if (c.path("resources").path("limits").path(GPU).asInt(0) < 1) {
                    out.add(service + ": container " + c.path("name").asText() + " has no " + GPU + " limit");
                }
                if (!c.path("image").asText().startsWith("framefleet/" + service + "-cuda:")) {
                    out.add(service + ": image " + c.path("image").asText() + " is not the CUDA variant");
                }
            }
            if (pod.path("nodeSelector").isEmpty()) {
                out.add(service + ": no nodeSelector for the GPU pool");
            }
            boolean tolerates = false;
            for (JsonNode t : pod.path("tolerations")) {
                tolerates |= GPU.equals(t.path("key").asText());
            }
            if (!tolerates) {
                out.add(service + ": does not tolerate the " + GPU + " taint");
            }
            Optional<ObjectNode> scaler = m.find("ScaledObject", service);
            if (scaler.isEmpty() || scaler.get().path("spec").path("minReplicaCount").asInt(-1) != 0) {
                out.add(service + ": does not scale to zero (ScaledObject minReplicaCount 0)");
            }
        }
        return out;
    }

    /** Each ScaledObject's kafka triggers name a topic and group its service reads, and every task channel has one. */
    public List<String> scaledObjectsFollowChannels(Manifests m) {
        List<String> out = new ArrayList<>();
        String bootstrap = configValue(m, "KAFKA_BOOTSTRAP_SERVERS").orElse("");
        String bootstrapService = bootstrap.split(":")[0];
        for (ObjectNode so : m.ofKind("ScaledObject")) {
            String target = so.path("spec").path("scaleTargetRef").path("name").asText();
            ServiceConfig config = services.get(target);
            if (config == null) {
                out.add("ScaledObject " + Manifests.nameOf(so) + " scales " + target + ", which is not a service");
                continue;
            }
            Set<String> covered = new HashSet<>();
            for (JsonNode trigger : so.path("spec").path("triggers")) {
                if (!"kafka".equals(trigger.path("type").asText())) {
                    continue;
                }
                JsonNode md = trigger.path("metadata");
                md.fieldNames().forEachRemaining(key -> {
                    if (!KAFKA_TRIGGER_KEYS.contains(key)) {
                        out.add("ScaledObject " + target + ": unknown kafka trigger parameter " + key);
                    }
                });
                String topic = md.path("topic").asText();
                String group = md.path("consumerGroup").asText();
                Optional<ServiceConfig.Channel> channel = config.channelFor(topic);
                if (channel.isEmpty()) {
                    out.add("ScaledObject " + target + ": " + target + " reads no topic " + topic);
                } else if (!channel.get().groupId().equals(group)) {
                    out.add("ScaledObject " + target + ": consumerGroup " + group + " on " + topic + ", but "
                            + target + " reads it as " + channel.get().groupId());
                } else {
                    covered.add(topic);
                }
                if (md.path("lagThreshold").asInt(0) < 1) {
                    out.add("ScaledObject " + target + ": lagThreshold on " + topic + " must be a whole number >= 1");
                }
                // KEDA runs in its own namespace: it must reach the same brokers as the service, by full name.
                String host = md.path("bootstrapServers").asText().split(":")[0];
                String namespace = so.path("metadata").path("namespace").asText();
                if (!host.equals(bootstrapService + "." + namespace + ".svc")
                        && !host.equals(bootstrapService + "." + namespace + ".svc.cluster.local")) {
                    out.add("ScaledObject " + target + ": bootstrapServers " + host + " is not " + bootstrapService
                            + " of namespace " + namespace + " by its full name");
                }
            }
            for (ServiceConfig.Channel channel : config.incoming().values()) {
                if (isTaskTopic(channel.topic()) && !covered.contains(channel.topic())) {
                    out.add("ScaledObject " + target + ": no kafka trigger for its task topic " + channel.topic());
                }
            }
        }
        for (String service : services.keySet()) {
            boolean readsTasks = services.get(service).incoming().values().stream().anyMatch(c -> isTaskTopic(c.topic()));
            if (readsTasks && m.find("ScaledObject", service).isEmpty()) {
                out.add(service + " reads a task topic but has no ScaledObject");
            }
        }
        return out;
    }

    /** No autoscaler may add a consumer that would get no partition of a topic it scales on. */
    public List<String> replicasWithinPartitions(Manifests m) {
        List<String> out = new ArrayList<>();
        for (ObjectNode so : m.ofKind("ScaledObject")) {
            int max = so.path("spec").path("maxReplicaCount").asInt(100);
            for (JsonNode trigger : so.path("spec").path("triggers")) {
                String topic = trigger.path("metadata").path("topic").asText();
                if (topic.isEmpty()) {
                    continue;
                }
                Optional<Integer> partitions = partitions(m, topic);
                if (partitions.isEmpty()) {
                    out.add("ScaledObject " + Manifests.nameOf(so) + ": no KafkaTopic for " + topic);
                } else if (max > partitions.get()) {
                    out.add("ScaledObject " + Manifests.nameOf(so) + ": maxReplicaCount " + max + " > " + partitions.get()
                            + " partitions of " + topic);
                }
            }
        }
        for (ObjectNode hpa : m.ofKind("HorizontalPodAutoscaler")) {
            String target = hpa.path("spec").path("scaleTargetRef").path("name").asText();
            int max = hpa.path("spec").path("maxReplicas").asInt();
            ServiceConfig config = services.get(target);
            if (config == null) {
                continue;
            }
            for (ServiceConfig.Channel channel : config.incoming().values()) {
                // A group named per instance (${quarkus.uuid}) reads every partition in each replica.
                if (channel.groupId().contains("${")) {
                    continue;
                }
                Optional<Integer> partitions = partitions(m, channel.topic());
                if (partitions.isPresent() && max > partitions.get()) {
                    out.add("HorizontalPodAutoscaler " + Manifests.nameOf(hpa) + ": maxReplicas " + max + " > "
                            + partitions.get() + " partitions of " + channel.topic());
                }
            }
        }
        return out;
    }

    /** A stopping pod gets longer than Quarkus' shutdown wait and than its stage's longest documented task. */
    public List<String> gracePeriodCoversShutdownAndLongestTask(Manifests m) {
        List<String> out = new ArrayList<>();
        for (ObjectNode d : fleetDeployments(m)) {
            String service = Manifests.nameOf(d);
            long grace = d.path("spec").path("template").path("spec").path("terminationGracePeriodSeconds").asLong(30);
            ServiceConfig config = services.get(service);
            if (config != null && config.shutdownTimeout().isPresent()) {
                Duration shutdown = config.shutdownTimeout().get();
                if (grace <= shutdown.toSeconds()) {
                    out.add("Deployment " + service + ": terminationGracePeriodSeconds " + grace
                            + " <= quarkus.shutdown.timeout " + shutdown.toSeconds() + " s");
                }
            }
            JsonNode longest = d.path("metadata").path("annotations").path(LONGEST_TASK);
            if (m.find("ScaledObject", service).isPresent() && longest.isMissingNode()) {
                out.add("Deployment " + service + ": a worker without the " + LONGEST_TASK + " annotation");
            } else if (!longest.isMissingNode() && grace <= Long.parseLong(longest.asText())) {
                out.add("Deployment " + service + ": terminationGracePeriodSeconds " + grace
                        + " <= longest documented task " + longest.asText() + " s");
            }
        }
        return out;
    }

    /** Probes, requests and limits, a PodDisruptionBudget, a ServiceAccount and the locked-down pod. */
    public List<String> deploymentsAreComplete(Manifests m) {
        List<String> out = new ArrayList<>();
        List<ObjectNode> deployments = fleetDeployments(m);
        for (String service : services.keySet()) {
            if (m.find("Deployment", service).isEmpty()) {
                out.add("no Deployment for " + service);
            }
        }
        for (ObjectNode d : deployments) {
            String name = "Deployment " + Manifests.nameOf(d);
            JsonNode template = d.path("spec").path("template");
            JsonNode pod = template.path("spec");
            ServiceConfig config = services.get(Manifests.nameOf(d));
            for (JsonNode c : pod.path("containers")) {
                probe(out, name, c, "startupProbe", "/q/health/started");
                probe(out, name, c, "readinessProbe", "/q/health/ready");
                probe(out, name, c, "livenessProbe", "/q/health/live");
                for (String side : List.of("requests", "limits")) {
                    for (String resource : List.of("cpu", "memory")) {
                        if (c.path("resources").path(side).path(resource).isMissingNode()) {
                            out.add(name + ": no " + resource + " in resources." + side);
                        }
                    }
                }
                if (config != null && !hasPort(c, config.httpPort())) {
                    out.add(name + ": no container port " + config.httpPort() + " (quarkus.http.port)");
                }
                if (!c.path("securityContext").path("readOnlyRootFilesystem").asBoolean(false)) {
                    out.add(name + ": root file system is writable");
                }
                if (c.path("securityContext").path("allowPrivilegeEscalation").asBoolean(true)) {
                    out.add(name + ": allows privilege escalation");
                }
                boolean tmp = false;
                for (JsonNode mount : c.path("volumeMounts")) {
                    tmp |= "/tmp".equals(mount.path("mountPath").asText());
                }
                if (!tmp) {
                    out.add(name + ": nothing writable mounted at /tmp");
                }
                for (JsonNode env : c.path("env")) {
                    if (env.path("name").asText().startsWith("AWS_") && env.path("name").asText().contains("KEY")
                            && env.path("valueFrom").path("secretKeyRef").isMissingNode()) {
                        out.add(name + ": " + env.path("name").asText() + " is not taken from a Secret");
                    }
                }
            }
            if (!pod.path("securityContext").path("runAsNonRoot").asBoolean(false)) {
                out.add(name + ": may run as root");
            }
            if (!"true".equals(template.path("metadata").path("annotations").path("prometheus.io/scrape").asText())) {
                out.add(name + ": no prometheus.io/scrape annotation");
            }
            String account = pod.path("serviceAccountName").asText();
            Optional<ObjectNode> sa = m.find("ServiceAccount", account);
            if (account.isEmpty() || sa.isEmpty()) {
                out.add(name + ": no ServiceAccount of its own (serviceAccountName '" + account + "')");
            } else if (sa.get().path("automountServiceAccountToken").asBoolean(true)
                    && pod.path("automountServiceAccountToken").asBoolean(true)) {
                out.add(name + ": mounts a service account token");
            }
            JsonNode podLabels = template.path("metadata").path("labels");
            boolean pdb = m.ofKind("PodDisruptionBudget").stream()
                    .anyMatch(p -> selects(p.path("spec").path("selector").path("matchLabels"), podLabels));
            if (!pdb) {
                out.add(name + ": no PodDisruptionBudget selects its pods");
            }
        }
        return out;
    }

    /** Every topic of Topics.all(), and every dead-letter topic a service writes, has a KafkaTopic. */
    public List<String> everyTopicHasKafkaTopic(Manifests m) {
        List<String> out = new ArrayList<>();
        List<String> expected = new ArrayList<>(Topics.all());
        services.values().stream()
                .flatMap(s -> s.incoming().values().stream())
                .flatMap(c -> c.deadLetterTopic().stream())
                .filter(t -> !expected.contains(t))
                .forEach(expected::add);
        for (String topic : expected) {
            if (kafkaTopic(m, topic).isEmpty()) {
                out.add("no KafkaTopic for " + topic);
            }
        }
        Optional<ObjectNode> state = kafkaTopic(m, Topics.PLANNER_STATE);
        if (state.isPresent()
                && !state.get().path("spec").path("config").path("cleanup.policy").asText().contains("compact")) {
            out.add("KafkaTopic " + Topics.PLANNER_STATE + " is not compacted");
        }
        return out;
    }

    /** A policy with no ingress and no egress rules selects every pod of the fleet. */
    public List<String> fleetIsDeniedByDefault(Manifests m) {
        List<String> out = new ArrayList<>();
        for (ObjectNode d : fleetDeployments(m)) {
            JsonNode labels = d.path("spec").path("template").path("metadata").path("labels");
            boolean denied = m.ofKind("NetworkPolicy").stream().anyMatch(p -> {
                JsonNode spec = p.path("spec");
                Set<String> types = new HashSet<>();
                spec.path("policyTypes").forEach(t -> types.add(t.asText()));
                return types.containsAll(Set.of("Ingress", "Egress")) && spec.path("ingress").isEmpty()
                        && spec.path("egress").isEmpty()
                        && (spec.path("podSelector").isEmpty()
                                || selects(spec.path("podSelector").path("matchLabels"), labels));
            });
            if (!denied) {
                out.add("Deployment " + Manifests.nameOf(d) + ": no default-deny NetworkPolicy selects its pods");
            }
        }
        return out;
    }

    /** An egress rule must name its peers or its ports; one with neither, or to any address on any port, opens everything. */
    public List<String> noPolicyAllowsAllEgress(Manifests m) {
        List<String> out = new ArrayList<>();
        for (ObjectNode p : m.ofKind("NetworkPolicy")) {
            for (JsonNode rule : p.path("spec").path("egress")) {
                boolean anyPort = rule.path("ports").isEmpty();
                boolean anyPeer = rule.path("to").isEmpty();
                for (JsonNode peer : rule.path("to")) {
                    boolean anyAddress = "0.0.0.0/0".equals(peer.path("ipBlock").path("cidr").asText())
                            && peer.path("ipBlock").path("except").isEmpty();
                    boolean anyNamespace = peer.has("namespaceSelector") && peer.path("namespaceSelector").isEmpty()
                            && peer.path("podSelector").isEmpty();
                    anyPeer |= anyAddress || anyNamespace;
                }
                if (anyPeer && anyPort) {
                    out.add("NetworkPolicy " + Manifests.nameOf(p) + " allows all egress");
                }
            }
        }
        return out;
    }

    /**
     * Topics belong to the cluster the services connect to, carry only settings Kafka knows (Strimzi passes
     * a misspelt one to the broker, which refuses the topic at run time), and where the render brings its
     * own brokers, ask for no more replicas than there are brokers.
     */
    public List<String> kafkaTopicsFitTheCluster(Manifests m) {
        List<String> out = new ArrayList<>();
        String bootstrapHost = configValue(m, "KAFKA_BOOTSTRAP_SERVERS").orElse("").split(":")[0];
        String cluster = bootstrapHost.endsWith("-kafka-bootstrap")
                ? bootstrapHost.substring(0, bootstrapHost.length() - "-kafka-bootstrap".length()) : "";
        if (cluster.isEmpty()) {
            out.add("KAFKA_BOOTSTRAP_SERVERS " + bootstrapHost + " is not a Strimzi bootstrap service (<cluster>-kafka-bootstrap)");
        }
        Set<String> known = topicConfigNames();
        int brokers = m.ofKind("KafkaNodePool").stream()
                .filter(p -> cluster.equals(p.path("metadata").path("labels").path("strimzi.io/cluster").asText()))
                .filter(p -> p.path("spec").path("roles").toString().contains("broker"))
                .mapToInt(p -> p.path("spec").path("replicas").asInt())
                .sum();
        boolean ownCluster = m.find("Kafka", cluster).isPresent();
        for (ObjectNode topic : m.ofKind("KafkaTopic")) {
            String name = "KafkaTopic " + Manifests.nameOf(topic);
            if (!cluster.equals(topic.path("metadata").path("labels").path("strimzi.io/cluster").asText())) {
                out.add(name + ": not labelled strimzi.io/cluster=" + cluster);
            }
            JsonNode spec = topic.path("spec");
            spec.path("config").fieldNames().forEachRemaining(key -> {
                if (!known.contains(key)) {
                    out.add(name + ": " + key + " is not a Kafka topic setting");
                }
            });
            int replicas = spec.path("replicas").asInt(0);
            int minInsync = spec.path("config").path("min.insync.replicas").asInt(1);
            if (spec.path("partitions").asInt(0) < 1 || replicas < 1) {
                out.add(name + ": partitions and replicas must be at least 1");
            }
            if (minInsync > replicas) {
                out.add(name + ": min.insync.replicas " + minInsync + " > replicas " + replicas + " (acks=all never succeeds)");
            }
            if (ownCluster && replicas > brokers) {
                out.add(name + ": replicas " + replicas + " > the " + brokers + " broker(s) of cluster " + cluster);
            }
        }
        return out;
    }

    private static Set<String> topicConfigNames() {
        Set<String> names = new HashSet<>();
        for (java.lang.reflect.Field f : org.apache.kafka.common.config.TopicConfig.class.getFields()) {
            if (f.getName().endsWith("_CONFIG") && f.getType() == String.class) {
                try {
                    names.add((String) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return names;
    }

    /** One planner, replaced by stopping the old one first, never autoscaled (docs/architecture.md). */
    public List<String> plannerRunsAlone(Manifests m) {
        List<String> out = new ArrayList<>();
        ObjectNode planner = m.get("Deployment", "planner");
        if (planner.path("spec").path("replicas").asInt(1) != 1) {
            out.add("Deployment planner: replicas must be 1");
        }
        if (!"Recreate".equals(planner.path("spec").path("strategy").path("type").asText())) {
            out.add("Deployment planner: strategy must be Recreate (two planners would both load the state)");
        }
        for (String kind : List.of("ScaledObject", "HorizontalPodAutoscaler")) {
            for (ObjectNode scaler : m.ofKind(kind)) {
                if ("planner".equals(scaler.path("spec").path("scaleTargetRef").path("name").asText())) {
                    out.add(kind + " " + Manifests.nameOf(scaler) + " scales the planner");
                }
            }
        }
        return out;
    }

    static boolean isTaskTopic(String topic) {
        return topic.startsWith("framefleet.tasks.") && !topic.equals(Topics.TASK_RESULTS);
    }

    static Optional<ObjectNode> kafkaTopic(Manifests m, String topic) {
        return m.ofKind("KafkaTopic").stream()
                .filter(t -> topic.equals(t.path("spec").path("topicName").asText(Manifests.nameOf(t))))
                .findFirst();
    }

    static Optional<Integer> partitions(Manifests m, String topic) {
        return kafkaTopic(m, topic).map(t -> t.path("spec").path("partitions").asInt(0));
    }

    private static Optional<String> configValue(Manifests m, String key) {
        return m.ofKind("ConfigMap").stream()
                .filter(c -> Manifests.nameOf(c).startsWith("framefleet-config"))
                .map(c -> c.path("data").path(key))
                .filter(v -> !v.isMissingNode())
                .map(JsonNode::asText)
                .findFirst();
    }

    private static List<ObjectNode> fleetDeployments(Manifests m) {
        return m.ofKind("Deployment").stream()
                .filter(d -> "framefleet".equals(d.path("metadata").path("labels").path(PART_OF).asText()))
                .toList();
    }

    private static void probe(List<String> out, String name, JsonNode container, String probe, String path) {
        JsonNode p = container.path(probe);
        if (p.isMissingNode()) {
            out.add(name + ": no " + probe);
        } else if (!path.equals(p.path("httpGet").path("path").asText())) {
            out.add(name + ": " + probe + " is not GET " + path);
        }
    }

    private static boolean hasPort(JsonNode container, int port) {
        for (JsonNode p : container.path("ports")) {
            if (p.path("containerPort").asInt() == port) {
                return true;
            }
        }
        return false;
    }

    /** Whether a matchLabels selector (non-empty) matches these labels. */
    private static boolean selects(JsonNode matchLabels, JsonNode labels) {
        if (matchLabels.isEmpty()) {
            return false;
        }
        var fields = matchLabels.fields();
        while (fields.hasNext()) {
            var e = fields.next();
            if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }
}
