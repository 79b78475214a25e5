package io.framefleet.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The Java records, the JSON Schemas and the AsyncAPI document describe the same events. */
class ContractsInSyncTest {

    private static final String PREFIX = "https://framefleet.io/schemas/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            b -> b.schemas(iri -> iri.startsWith(PREFIX) ? resource("schemas/" + iri.substring(PREFIX.length())) : null));

    private static final Map<Class<?>, String> SCHEMA_FILES = Map.ofEntries(
            Map.entry(ObjectRef.class, "object-ref.json"),
            Map.entry(EnhanceOptions.class, "enhance-options.json"),
            Map.entry(MediaInfo.class, "media-info.json"),
            Map.entry(Segment.class, "segment.json"),
            Map.entry(TaskMetrics.class, "task-metrics.json"),
            Map.entry(JobSubmitted.class, "job-submitted.json"),
            Map.entry(JobRequested.class, "job-requested.json"),
            Map.entry(JobRejected.class, "job-rejected.json"),
            Map.entry(JobCancelRequested.class, "job-cancel-requested.json"),
            Map.entry(StageTask.class, "stage-task.json"),
            Map.entry(TaskCompleted.class, "task-completed.json"),
            Map.entry(TaskFailed.class, "task-failed.json"),
            Map.entry(TaskProgress.class, "task-progress.json"),
            Map.entry(JobStatus.class, "job-status.json"),
            Map.entry(JobStatus.StageProgress.class, "stage-progress.json"),
            Map.entry(GenerateOptions.class, "generate-options.json"),
            Map.entry(PromptSubmitted.class, "prompt-submitted.json"),
            Map.entry(GenerationRequested.class, "generation-requested.json"));

    @Test
    void shouldDeclareEverySchemaPropertyAsRecordComponentAndBack() throws IOException {
        for (Map.Entry<Class<?>, String> e : SCHEMA_FILES.entrySet()) {
            JsonNode schema = JSON.readTree(resource("schemas/" + e.getValue()));
            Set<String> schemaProps = new TreeSet<>();
            schema.get("properties").fieldNames().forEachRemaining(schemaProps::add);
            Set<String> recordProps = new TreeSet<>();
            for (RecordComponent c : e.getKey().getRecordComponents()) {
                recordProps.add(c.getName());
            }
            assertThat(schemaProps).as(e.getValue() + " vs " + e.getKey().getSimpleName()).isEqualTo(recordProps);
            for (JsonNode required : schema.get("required")) {
                assertThat(schemaProps).as(e.getValue() + " requires a declared property").contains(required.asText());
            }
        }
    }

    @Test
    void shouldHaveSchemaForEveryRecordReachableFromAnEvent() {
        Set<Class<?>> seen = new HashSet<>();
        for (Class<?> type : CloudEvents.types().values()) {
            collectRecords(type, seen);
        }
        assertThat(SCHEMA_FILES.keySet()).containsAll(seen);
    }

    @Test
    void shouldValidateSampleOfEveryEventTypeAgainstItsSchema() {
        for (FleetEvent event : ContractSamples.all()) {
            String type = CloudEvents.typeOf(event);
            assertThat(CloudEvents.types()).as("registered type " + type).containsKey(type);
            List<Error> errors = schemaFor(event.getClass()).validate(CloudEvents.toJson(event), InputFormat.JSON);
            assertThat(errors).as(type + " sample").isEmpty();
            assertThat(CloudEvents.parse(type, CloudEvents.toJson(event))).isEqualTo(event);
        }
    }

    @Test
    void shouldLeaveResultsOutOfJsonWhenStageHasNone() {
        assertThat(CloudEvents.toJson(ContractSamples.completed())).doesNotContain("results");
        assertThat(CloudEvents.toJson(ContractSamples.gateCompleted())).contains("\"bestScore\":\"0.63\"");
    }

    @Test
    void shouldRejectGenerationRequestWithoutFilledOptions() {
        GenerationRequested incomplete = new GenerationRequested("j3", java.time.Instant.EPOCH, "rest", "a circle",
                new GenerateOptions(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                        null, null), "outputs");
        assertThat(schemaFor(GenerationRequested.class).validate(CloudEvents.toJson(incomplete), InputFormat.JSON))
                .isNotEmpty();
    }

    @Test
    void shouldRejectEventMissingRequiredField() {
        String json = CloudEvents.toJson(ContractSamples.completed()).replace("\"taskId\"", "\"taskIdX\"");
        assertThat(schemaFor(TaskCompleted.class).validate(json, InputFormat.JSON)).isNotEmpty();
    }

    @Test
    void shouldListEveryEventTypeAndTopicInAsyncApi() throws IOException {
        JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(resource("asyncapi.yaml"));
        Set<String> messageNames = new TreeSet<>();
        Set<String> payloadFiles = new TreeSet<>();
        for (JsonNode message : iterable(doc.get("components").get("messages").elements())) {
            messageNames.add(message.get("name").asText());
            JsonNode ref = message.get("payload").get("$ref");
            if (ref != null) {
                payloadFiles.add(ref.asText().replace("schemas/", ""));
            }
        }
        assertThat(messageNames).containsAll(CloudEvents.types().keySet());
        for (String file : payloadFiles) {
            assertThat(resource("schemas/" + file)).as(file).isNotBlank();
        }
        Set<String> addresses = new TreeSet<>();
        for (JsonNode channel : iterable(doc.get("channels").elements())) {
            addresses.add(channel.get("address").asText());
        }
        assertThat(addresses).isEqualTo(new TreeSet<>(Topics.all()));
    }

    private static Schema schemaFor(Class<?> type) {
        return REGISTRY.getSchema(SchemaLocation.of(PREFIX + SCHEMA_FILES.get(type)));
    }

    private static void collectRecords(Type type, Set<Class<?>> seen) {
        if (type instanceof ParameterizedType p) {
            for (Type arg : p.getActualTypeArguments()) {
                collectRecords(arg, seen);
            }
        } else if (type instanceof Class<?> c && c.isRecord() && seen.add(c)) {
            for (RecordComponent rc : c.getRecordComponents()) {
                collectRecords(rc.getGenericType(), seen);
            }
        }
    }

    private static <T> Iterable<T> iterable(Iterator<T> it) {
        return () -> it;
    }

    static String resource(String path) {
        try (InputStream in = ContractsInSyncTest.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                return null;
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
