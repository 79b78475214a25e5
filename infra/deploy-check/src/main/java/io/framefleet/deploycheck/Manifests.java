package io.framefleet.deploycheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The objects one {@code kubectl kustomize} rendered, as JSON trees that checks read and tests may alter. */
public final class Manifests {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    private final String name;
    private final List<ObjectNode> objects;

    private Manifests(String name, List<ObjectNode> objects) {
        this.name = name;
        this.objects = objects;
    }

    public static Manifests parse(String name, String multiDocumentYaml) throws IOException {
        List<ObjectNode> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(multiDocumentYaml)) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && doc.isObject()) {
                    objects.add((ObjectNode) doc);
                }
            }
        }
        return new Manifests(name, List.copyOf(objects));
    }

    /** The render's name: base, local or gpu. */
    public String name() {
        return name;
    }

    /** Every object; unmodifiable except in a {@link #copy()}. */
    public List<ObjectNode> all() {
        return objects;
    }

    public List<ObjectNode> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    public Optional<ObjectNode> find(String kind, String objectName) {
        return ofKind(kind).stream().filter(o -> objectName.equals(nameOf(o))).findFirst();
    }

    public ObjectNode get(String kind, String objectName) {
        return find(kind, objectName)
                .orElseThrow(() -> new IllegalArgumentException(name + " has no " + kind + " " + objectName));
    }

    /** A deep copy whose list may change too, for tests that break one object and expect a check to notice. */
    public Manifests copy() {
        return new Manifests(name, new ArrayList<>(objects.stream().map(ObjectNode::deepCopy).toList()));
    }

    public String toJsonArray() throws IOException {
        return JSON.writeValueAsString(objects);
    }

    static String nameOf(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    static String describe(JsonNode object) {
        return object.path("kind").asText() + " " + nameOf(object);
    }
}
