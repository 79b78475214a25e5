package io.framefleet.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** The images infra/docker/build-images.sh makes, and where the project's files are for the file checks. */
final class FleetImages {

    static final String TAG = System.getProperty("framefleet.image.tag", "dev");

    /** Service name to its HTTP port, as each service's application.properties sets it. */
    static final Map<String, Integer> SERVICE_PORTS = servicePorts();

    /** The services that run stage tasks (and so publish the framefleet_task* metrics). */
    static final List<String> WORKERS = List.of("interpolator", "superres", "evaluator", "keyframe");

    private FleetImages() {
    }

    static String image(String name) {
        return "framefleet/" + name + ":" + TAG;
    }

    /** The project's root folder: the failsafe and surefire configurations pass it. */
    static Path root() {
        return Path.of(System.getProperty("framefleet.root", "../..")).toAbsolutePath().normalize();
    }

    static Path dockerDir() {
        return root().resolve("infra/docker");
    }

    /** Read from each service's application.properties, so the images, compose and scrape config are checked against it. */
    private static Map<String, Integer> servicePorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String name : List.of("ingest", "planner", "interpolator", "superres", "evaluator", "keyframe")) {
            Path file = root().resolve("services").resolve(name).resolve("src/main/resources/application.properties");
            Properties properties = new Properties();
            try (var in = Files.newInputStream(file)) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            ports.put(name, Integer.parseInt(properties.getProperty("quarkus.http.port").trim()));
        }
        return Collections.unmodifiableMap(ports);
    }
}
