package io.framefleet.containers;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Each service's Dockerfiles against the service's own settings and the compose file. */
class DockerfilesTest {

    private static final Pattern TOOL_OPTIONS = Pattern.compile("JAVA_TOOL_OPTIONS=\"([^\"]*)\"");

    @Test
    void shouldExposeAndListenOnTheServicePortAsUid1000() throws IOException {
        for (var entry : FleetImages.SERVICE_PORTS.entrySet()) {
            String dockerfile = read(entry.getKey(), "Dockerfile");
            assertThat(dockerfile).as(entry.getKey())
                    .startsWith("# framefleet/" + entry.getKey())
                    .contains("FROM framefleet/base-jre17", "EXPOSE " + entry.getValue(),
                            "QUARKUS_HTTP_PORT=" + entry.getValue(), "USER 1000:1000",
                            "QUARKUS_LOG_CONSOLE_JSON_ENABLED=true",
                            "\"-jar\", \"/app/quarkus-run.jar\"");
        }
    }

    @Test
    void shouldRepeatEveryImageJvmFlagInComposeWhichReplacesThem() throws IOException {
        Map<String, Object> env = ComposeFileTest.map(ComposeFileTest.map(services(), "ingest"), "environment");
        List<String> compose = Arrays.asList(String.valueOf(env.get("JAVA_TOOL_OPTIONS")).split("\\s+"));
        for (String service : FleetImages.SERVICE_PORTS.keySet()) {
            Matcher m = TOOL_OPTIONS.matcher(read(service, "Dockerfile"));
            assertThat(m.find()).as(service + " sets JAVA_TOOL_OPTIONS").isTrue();
            assertThat(compose).as(service).containsAll(Arrays.asList(m.group(1).split("\\s+")));
        }
    }

    @Test
    void shouldPointDjlAtCudaLibtorchAndDemandTheGpuInCudaVariants() throws IOException {
        for (String service : List.of("keyframe", "superres")) {
            String cuda = read(service, "Dockerfile.cuda");
            assertThat(cuda).as(service).contains("PYTORCH_LIBRARY_PATH=/opt/libtorch/lib", "PYTORCH_FLAVOR=cu128",
                    "PYTORCH_VERSION=2.7.1", "COPY libtorch/lib/ /opt/libtorch/lib/",
                    "EXPOSE " + FleetImages.SERVICE_PORTS.get(service));
        }
        assertThat(read("superres", "Dockerfile.cuda")).contains("FRAMEFLEET_SUPERRES_DEVICE=gpu");
        assertThat(read("keyframe", "Dockerfile.cuda")).contains("FRAMEFLEET_KEYFRAME_DEVICE=gpu");
    }

    private static Map<String, Object> services() throws IOException {
        ComposeFileTest.load();
        return ComposeFileTest.services;
    }

    private static String read(String service, String file) throws IOException {
        Path path = FleetImages.dockerDir().resolve(service).resolve(file);
        return Files.readString(path);
    }
}
