package io.framefleet.inference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * What a bundled super-resolution model is ({@code model.json} beside {@code model.pt}): a TorchScript module that
 * maps N x 3 x H x W RGB in [0, 1] to N x 3 x (H * scale) x (W * scale), and needs {@code halo} pixels of context
 * on each side of a tile for tiled output to equal whole-image output.
 *
 * @param parameters learned weights, for reports
 * @param profile    {@code fast} or {@code quality}: which processor picks it
 */
public record ModelDescriptor(String name, String version, String task, String file, String sha256, int scale,
                              int halo, long parameters, String profile, String license, String source,
                              String training) {

    public static final String TASK_SUPER_RESOLUTION = "super-resolution";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public ModelDescriptor {
        require(name != null && NAME.matcher(name).matches(), "name must be lower-case letters, digits, '.', '_' or '-', got " + name);
        require(version != null && !version.isBlank(), "version is required");
        require(TASK_SUPER_RESOLUTION.equals(task), "task must be " + TASK_SUPER_RESOLUTION + ", got " + task);
        // The file sits beside the descriptor: a path would let a model bucket point anywhere.
        require(file != null && !file.isBlank() && !file.contains("/") && !file.contains("\\") && !file.startsWith("."),
                "file must be a plain file name beside model.json, got " + file);
        require(sha256 != null && SHA256.matcher(sha256).matches(), "sha256 must be 64 lower-case hex digits, got " + sha256);
        require(scale >= 2 && scale <= 8, "scale must be 2 to 8, got " + scale);
        require(halo >= 0 && halo <= 256, "halo must be 0 to 256, got " + halo);
        require(parameters >= 0, "parameters must not be negative");
    }

    /** Parses and validates a descriptor; {@code origin} names it in error messages. */
    public static ModelDescriptor parse(InputStream json, String origin) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new InvalidModelException(origin + ": not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidModelException(origin + ": a model descriptor is a JSON object");
        }
        try {
            checkTensor(root, "input", origin);
            checkTensor(root, "output", origin);
            return new ModelDescriptor(text(root, "name", origin), text(root, "version", origin),
                    text(root, "task", origin), text(root, "file", origin), text(root, "sha256", origin),
                    integer(root, "scale", origin), integer(root, "halo", origin),
                    root.path("parameters").asLong(0), root.path("profile").asText("unknown"),
                    root.path("license").asText(""), root.path("source").asText(""),
                    root.path("training").asText(""));
        } catch (InvalidModelException e) {
            throw e.getMessage().startsWith(origin) ? e : new InvalidModelException(origin + ": " + e.getMessage());
        }
    }

    public static ModelDescriptor parse(Path json) {
        try (InputStream in = Files.newInputStream(json)) {
            return parse(in, json.toString());
        } catch (IOException e) {
            throw new InvalidModelException("cannot read " + json + ": " + e.getMessage(), e);
        }
    }

    /** What processors report as their version: {@code name@version+} and the first 12 hex digits of the digest. */
    public String tag() {
        return name + "@" + version + "+" + sha256.substring(0, 12);
    }

    /** Throws {@link InvalidModelException} unless {@code modelFile}'s SHA-256 is the one declared. */
    public void verify(Path modelFile) {
        if (!Files.isRegularFile(modelFile)) {
            throw new InvalidModelException(name + ": model file " + modelFile + " is missing");
        }
        String actual = sha256Of(modelFile);
        if (!actual.equals(sha256)) {
            throw new InvalidModelException(name + ": " + modelFile.getFileName() + " has sha256 " + actual
                    + " but model.json declares " + sha256 + "; the file or its descriptor is stale or damaged");
        }
    }

    static String sha256Of(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new InvalidModelException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The runtime feeds NCHW float32 RGB in [0, 1] and reads the same back; any other declaration is refused. */
    private static void checkTensor(JsonNode root, String field, String origin) {
        JsonNode t = root.get(field);
        if (t == null || !t.isObject()) {
            throw new InvalidModelException(origin + ": " + field + " is required");
        }
        expect(t, "layout", "NCHW", field, origin);
        expect(t, "colour", "RGB", field, origin);
        expect(t, "dtype", "float32", field, origin);
        JsonNode range = t.get("range");
        if (range == null || !range.isArray() || range.size() != 2 || range.get(0).asDouble(-1) != 0.0
                || range.get(1).asDouble(-1) != 1.0) {
            throw new InvalidModelException(origin + ": " + field + ".range must be [0.0, 1.0], got " + range);
        }
    }

    private static void expect(JsonNode t, String key, String want, String field, String origin) {
        String got = t.path(key).asText(null);
        if (!want.equals(got)) {
            throw new InvalidModelException(origin + ": " + field + "." + key + " must be " + want + ", got " + got);
        }
    }

    private static String text(JsonNode root, String key, String origin) {
        JsonNode n = root.get(key);
        if (n == null || !n.isTextual()) {
            throw new InvalidModelException(origin + ": " + key + " is required (a string)");
        }
        return n.asText();
    }

    private static int integer(JsonNode root, String key, String origin) {
        JsonNode n = root.get(key);
        if (n == null || !n.canConvertToInt() || !n.isIntegralNumber()) {
            throw new InvalidModelException(origin + ": " + key + " is required (an integer)");
        }
        return n.asInt();
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new InvalidModelException(message);
        }
    }

}
