package io.framefleet.deploycheck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Installs npm packages under a folder of the build (never the repository): {@code --no-save
 * --no-package-lock}, so no package.json or lock file is written and nothing needs committing.
 */
final class NpmPackages {

    private final Path prefix;

    NpmPackages(Path prefix) {
        this.prefix = prefix;
    }

    Path prefix() {
        return prefix;
    }

    Path packageDir(String name) {
        return prefix.resolve("node_modules").resolve(name);
    }

    /** Installs those of {@code name@version} that are not there yet. */
    void ensure(String... packages) throws IOException {
        List<String> missing = new ArrayList<>();
        for (String spec : packages) {
            String name = spec.substring(0, spec.lastIndexOf('@'));
            if (!Files.isRegularFile(packageDir(name).resolve("package.json"))) {
                missing.add(spec);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        Files.createDirectories(prefix);
        List<String> command = new ArrayList<>(List.of("npm", "install", "--no-save", "--no-package-lock",
                "--no-audit", "--no-fund", "--prefix", prefix.toString()));
        command.addAll(missing);
        Commands.runChecked(command, prefix, Map.of(), 600);
    }
}
