package io.framefleet.inference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A {@code model.json} that names several files ({@code "files": {"<role>": {"file": ..., "sha256": ...}}}), as a
 * text-to-video model (text encoder, denoiser, vocabulary) or a scorer needs. Only what every such bundle shares is
 * checked here; the task's own fields stay in {@link #json()} for the module that knows the task.
 *
 * @param files by role, in the order model.json lists them
 */
public record BundleDescriptor(String name, String version, String task, Map<String, BundleFile> files,
                               JsonNode json) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern ROLE = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

    public BundleDescriptor {
        require(name != null && NAME.matcher(name).matches(), "name must be lower-case letters, digits, '.', '_' or '-', got " + name);
        require(version != null && !version.isBlank(), "version is required");
        require(task != null && !task.isBlank(), "task is required");
        require(files != null && !files.isEmpty(), "files must name at least one file");
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    /** One file of the bundle: what it is for, its plain name beside model.json, and its SHA-256. */
    public record BundleFile(String role, String file, String sha256) {

        private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

        public BundleFile {
            require(role != null && ROLE.matcher(role).matches(), "file role must be a lower-case word, got " + role);
            // The file sits beside the descriptor: a path would let a model bucket point anywhere.
            require(file != null && !file.isBlank() && !file.contains("/") && !file.contains("\\") && !file.startsWith("."),
                    "files." + role + ".file must be a plain file name beside model.json, got " + file);
            require(sha256 != null && SHA256.matcher(sha256).matches(),
                    "files." + role + ".sha256 must be 64 lower-case hex digits, got " + sha256);
        }

        /** Throws {@link InvalidModelException} unless {@code local}'s SHA-256 is the one declared. */
        public void verify(String model, Path local) {
            if (!java.nio.file.Files.isRegularFile(local)) {
                throw new InvalidModelException(model + ": " + role + " file " + local + " is missing");
            }
            String actual = ModelDescriptor.sha256Of(local);
            if (!actual.equals(sha256)) {
                throw new InvalidModelException(model + ": " + file + " (" + role + ") has sha256 " + actual
                        + " but model.json declares " + sha256 + "; the file or its descriptor is stale or damaged");
            }
        }
    }

    /**
     * Parses the parts every bundle shares and checks that {@code task} is the one expected; {@code origin} names
     * the descriptor in error messages.
     */
    public static BundleDescriptor parse(InputStream json, String origin, String expectedTask) {
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
            String task = text(root, "task");
            require(task.equals(expectedTask), "task must be " + expectedTask + ", got " + task);
            JsonNode files = root.get("files");
            require(files != null && files.isObject(), "files is required (an object of role to {file, sha256})");
            Map<String, BundleFile> byRole = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode f = e.getValue();
                require(f != null && f.isObject(), "files." + e.getKey() + " must be an object {file, sha256}");
                byRole.put(e.getKey(), new BundleFile(e.getKey(), f.path("file").asText(null),
                        f.path("sha256").asText(null)));
            }
            return new BundleDescriptor(text(root, "name"), text(root, "version"), task, byRole, root);
        } catch (InvalidModelException e) {
            throw e.getMessage().startsWith(origin) ? e : new InvalidModelException(origin + ": " + e.getMessage());
        }
    }

    /** The file of {@code role}; {@link InvalidModelException} naming the bundle when it has none. */
    public BundleFile file(String role) {
        BundleFile f = files.get(role);
        if (f == null) {
            throw new InvalidModelException(name + ": model.json has no files." + role);
        }
        return f;
    }

    /**
     * One digest for the whole bundle: SHA-256 over each role, file name and file digest in order. Two bundles with
     * equal digests run the same weights on the same vocabulary, which is what a manifest needs to replay a job.
     */
    public String digest() {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (BundleFile f : files.values()) {
                d.update((f.role() + "\n" + f.file() + "\n" + f.sha256() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** What processors report as their version: {@code name@version+} and the first 12 hex digits of the digest. */
    public String tag() {
        return name + "@" + version + "+" + digest().substring(0, 12);
    }

    private static String text(JsonNode root, String key) {
        JsonNode n = root.get(key);
        if (n == null || !n.isTextual()) {
            throw new InvalidModelException(key + " is required (a string)");
        }
        return n.asText();
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new InvalidModelException(message);
        }
    }
}
