package io.framefleet.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The checkout the fleet runs from: where the broker's class path, the S3Mock jar and the
 * services' {@code quarkus-app} folders are built. Found from the system property
 * {@value #PROPERTY} (the launcher sets it), else by walking up from the working directory,
 * else from where this class was loaded.
 */
public record FleetHome(Path root) {

    public static final String PROPERTY = "framefleet.home";
    /** Rebuild hint shown whenever a built piece is missing. */
    public static final String BUILD_HINT = "build it with ./mvnw -B -q install -DskipTests";
    private static final String MARKER = "infra/kafka-broker/pom.xml";

    public FleetHome {
        root = root.toAbsolutePath().normalize();
    }

    public static FleetHome locate() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path root = Path.of(configured);
            if (!Files.isRegularFile(root.resolve(MARKER))) {
                throw new IllegalStateException(PROPERTY + "=" + configured + " is not a framefleet checkout (no " + MARKER + ")");
            }
            return new FleetHome(root);
        }
        return above(Path.of("").toAbsolutePath())
                .or(() -> codeLocation().flatMap(FleetHome::above))
                .map(FleetHome::new)
                .orElseThrow(() -> new IllegalStateException("cannot find the framefleet checkout above "
                        + Path.of("").toAbsolutePath() + "; set -D" + PROPERTY + "=<checkout>"));
    }

    private static Optional<Path> above(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(MARKER))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> codeLocation() {
        try {
            return Optional.of(Path.of(FleetHome.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return Optional.empty();
        }
    }

    /** The Kafka broker's runtime class path, laid out by infra/kafka-broker at package. */
    public Path brokerLibraries() {
        return built(root.resolve("infra/kafka-broker/target/lib"));
    }

    /** The S3Mock executable jar, copied by infra/fleet at package. */
    public Path s3MockJar() {
        Path dir = built(root.resolve("infra/fleet/target/servers/s3mock"));
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("s3mock-.*-exec\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no s3mock-*-exec.jar in " + dir + "; " + BUILD_HINT));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The runnable jar of one service. */
    public Path serviceJar(String service) {
        return built(root.resolve("services").resolve(service).resolve("target/quarkus-app/quarkus-run.jar"));
    }

    /** Where the services' class-data archives are kept, from one run to the next. */
    public Path classDataArchives() {
        return root.resolve(".framefleet/cds");
    }

    /** Where each fleet run keeps its data and logs, one folder per run. */
    public Path runs() {
        return root.resolve(".framefleet/run");
    }

    private static Path built(Path path) {
        if (!Files.exists(path)) {
            throw new IllegalStateException(path + " is missing; " + BUILD_HINT);
        }
        return path;
    }
}
