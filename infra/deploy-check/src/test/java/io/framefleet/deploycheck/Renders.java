package io.framefleet.deploycheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The three renders of k8s/, made once per test JVM with the kubectl the build found or installed. */
final class Renders {

    static final Path REPO = Path.of(System.getProperty("deploy-check.repo-root", "../..")).toAbsolutePath().normalize();
    static final Path WORK = Path.of(System.getProperty("deploy-check.work", "target/deploy-check")).toAbsolutePath();

    private static final Map<String, Manifests> RENDERED = new ConcurrentHashMap<>();
    private static Kubectl kubectl;

    private Renders() {
    }

    static synchronized Kubectl kubectl() throws IOException {
        if (kubectl == null) {
            kubectl = Kubectl.locate(System.getenv("PATH"), WORK.resolve("tools"));
        }
        return kubectl;
    }

    static Path dir(String render) {
        return render.equals("base") ? REPO.resolve("k8s/base") : REPO.resolve("k8s/overlays").resolve(render);
    }

    /** base, local or gpu; callers that alter it take a {@link Manifests#copy()}. */
    static Manifests get(String render) {
        return RENDERED.computeIfAbsent(render, r -> {
            try {
                return Manifests.parse(r, kubectl().kustomize(dir(r)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    static Invariants invariants() throws IOException {
        return Invariants.forRepository(REPO);
    }
}
