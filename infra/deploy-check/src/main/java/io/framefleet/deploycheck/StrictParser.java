package io.framefleet.deploycheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.JacksonAnnotationIntrospector;
import tools.jackson.databind.json.JsonMapper;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads every rendered object into its model class and fails on any field the class does not know.
 *
 * <p>fabric8's and Strimzi's model classes keep unknown fields in an {@code additionalProperties} map
 * through a {@code @JsonAnySetter}, so a misspelt field (say {@code readinesProbe}) parses fine and the
 * API server would drop it. Both parsers here run with an annotation introspector that reports no
 * any-setter and with {@code FAIL_ON_UNKNOWN_PROPERTIES}, which turns such a field into an error.
 * fabric8 8 is on Jackson 3; Strimzi's classes carry Jackson 2 annotations, hence two mappers. KEDA's
 * ScaledObject has no Java model here and is read against a JSON schema of its fields instead.
 */
public final class StrictParser {

    private static final Map<String, Class<?>> STRIMZI = Map.of(
            "kafka.strimzi.io/v1beta2/KafkaTopic", KafkaTopic.class,
            "kafka.strimzi.io/v1beta2/Kafka", Kafka.class,
            "kafka.strimzi.io/v1beta2/KafkaNodePool", KafkaNodePool.class);

    /** KEDA has no Java model here: its fields are written out in a JSON schema that allows no others. */
    private static final Map<String, String> FIELD_SCHEMAS = Map.of(
            "keda.sh/v1alpha1/ScaledObject", "/deploy-check/scaledobject-fields.schema.json");

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private final Map<String, Schema> schemas = new java.util.concurrent.ConcurrentHashMap<>();
    private final KubernetesSerialization fabric8;
    private final com.fasterxml.jackson.databind.ObjectMapper strimzi;

    public StrictParser() {
        JsonMapper strictMapper = JsonMapper.builder()
                .annotationIntrospector(new JacksonAnnotationIntrospector() {
                    @Override
                    public Boolean hasAnySetter(MapperConfig<?> config, Annotated a) {
                        return Boolean.FALSE;
                    }
                })
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        this.fabric8 = new KubernetesSerialization(strictMapper, true);
        this.strimzi = new com.fasterxml.jackson.databind.ObjectMapper()
                .setAnnotationIntrospector(new com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector() {
                    @Override
                    public Boolean hasAnySetter(com.fasterxml.jackson.databind.introspect.Annotated a) {
                        return Boolean.FALSE;
                    }
                })
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** One line per object that does not parse strictly; empty when all do. */
    public List<String> problems(Manifests manifests) {
        List<String> problems = new ArrayList<>();
        for (ObjectNode object : manifests.all()) {
            String problem = problem(object);
            if (problem != null) {
                problems.add(manifests.name() + ": " + Manifests.describe(object) + ": " + problem);
            }
        }
        return problems;
    }

    /** Why {@code object} does not parse strictly, or null when it does. */
    public String problem(JsonNode object) {
        String apiVersion = object.path("apiVersion").asText();
        String kind = object.path("kind").asText();
        String key = apiVersion + "/" + kind;
        try {
            Class<?> strimziType = STRIMZI.get(key);
            if (strimziType != null) {
                strimzi.treeToValue(object, strimziType);
                return null;
            }
            String fieldSchema = FIELD_SCHEMAS.get(key);
            if (fieldSchema != null) {
                return fieldProblems(fieldSchema, object);
            }
            Class<? extends KubernetesResource> type = fabric8.getRegisteredKubernetesResource(apiVersion, kind);
            if (type == null) {
                return "no model class for " + key + " (add one here or a field schema)";
            }
            fabric8.unmarshal(Manifests.JSON.writeValueAsString(object), type);
            return null;
        } catch (Exception e) {
            // fabric8 wraps Jackson's exception, whose message names the field, in a generic one.
            Throwable cause = e;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            return firstLine(cause.getMessage());
        }
    }

    private String fieldProblems(String resource, JsonNode object) throws java.io.IOException {
        Schema schema = schemas.computeIfAbsent(resource, r -> {
            try (InputStream in = StrictParser.class.getResourceAsStream(r)) {
                if (in == null) {
                    throw new IllegalStateException(r + " is missing from the class path");
                }
                return REGISTRY.getSchema(in, InputFormat.JSON);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        List<Error> errors = schema.validate(Manifests.JSON.writeValueAsString(object), InputFormat.JSON);
        return errors.isEmpty() ? null
                : errors.stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).collect(Collectors.joining("; "));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
