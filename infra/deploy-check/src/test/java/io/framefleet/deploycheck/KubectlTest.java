package io.framefleet.deploycheck;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class KubectlTest {

    @Test
    void shouldInstallKubectlFromTheNpmLayerWhenNoneIsOnPath() throws Exception {
        // A bare CI machine has no kubectl: take every folder holding one off PATH, as there.
        String bare = Arrays.stream(System.getenv("PATH").split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty() && !Files.isExecutable(Path.of(dir, "kubectl")))
                .collect(Collectors.joining(File.pathSeparator));
        assertThat(Kubectl.onPath(bare)).isEmpty();

        Kubectl installed = Kubectl.locate(bare, Renders.WORK.resolve("tools"));

        assertThat(installed.binary()).startsWith(Renders.WORK);
        assertThat(installed.clientVersion()).startsWith("Client Version: v1.33");
        Manifests base = Manifests.parse("base", installed.kustomize(Renders.dir("base")));
        assertThat(base.all()).hasSameSizeAs(Renders.get("base").all());
        assertThat(base.toJsonArray()).isEqualTo(Renders.get("base").toJsonArray());
    }

    @Test
    void shouldFindKubectlOnPathFirst() throws Exception {
        Path dir = Files.createDirectories(Renders.WORK.resolve("fake-path"));
        Path fake = dir.resolve("kubectl");
        Files.writeString(fake, "#!/bin/sh\n");
        assertThat(fake.toFile().setExecutable(true)).isTrue();

        assertThat(Kubectl.onPath("/nonexistent" + File.pathSeparator + dir)).contains(fake);
    }
}
