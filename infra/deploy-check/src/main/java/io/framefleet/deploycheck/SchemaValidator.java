package io.framefleet.deploycheck;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Validates rendered objects against the Kubernetes and KEDA JSON schemas shipped in the npm packages
 * {@value #MODELS} and {@value #KEDA_MODELS}, through a small Node script ({@code validate.cjs}).
 */
public final class SchemaValidator {

    static final String MODELS = "kubernetes-models@4.5.1";
    static final String KEDA_MODELS = "@kubernetes-models/keda@0.4.2";
    private static final String SCRIPT = "validate.cjs";

    /** What the script reported: objects checked, objects no schema covers, and schema errors. */
    public record Report(List<String> validated, List<String> uncovered, List<String> errors) {
    }

    private final NpmPackages npm;

    public SchemaValidator(Path workDir) {
        this.npm = new NpmPackages(workDir.resolve("node"));
    }

    public Report validate(Manifests manifests) throws IOException {
        npm.ensure(MODELS, KEDA_MODELS);
        // The script sits next to node_modules so require() finds the packages without NODE_PATH.
        Path script = npm.prefix().resolve(SCRIPT);
        try (InputStream in = SchemaValidator.class.getResourceAsStream("/deploy-check/" + SCRIPT)) {
            if (in == null) {
                throw new IOException(SCRIPT + " is missing from the class path");
            }
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        Path input = Files.createTempFile(npm.prefix(), manifests.name() + "-", ".json");
        try {
            Files.writeString(input, manifests.toJsonArray());
            Commands.Result run = Commands.run(List.of("node", script.toString(), input.toString()),
                    npm.prefix(), Map.of(), 120);
            if (run.exitCode() > 1 || run.stdout().isBlank()) {
                throw new IOException("node " + SCRIPT + " exited with " + run.exitCode() + ": " + run.stderr().strip());
            }
            JsonNode report = Manifests.JSON.readTree(run.stdout());
            return new Report(strings(report.path("validated")), strings(report.path("uncovered")),
                    strings(report.path("errors")));
        } finally {
            Files.deleteIfExists(input);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
