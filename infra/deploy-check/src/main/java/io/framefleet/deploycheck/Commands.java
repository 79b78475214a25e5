package io.framefleet.deploycheck;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the external tools of the check (kubectl, npm, node) and hands back what they printed. */
final class Commands {

    /** What a finished command printed, and how it ended. */
    record Result(int exitCode, String stdout, String stderr) {
        boolean succeeded() {
            return exitCode == 0;
        }
    }

    private Commands() {
    }

    static Result run(List<String> command, Path directory, Map<String, String> environment, long timeoutSeconds)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        // Both streams are drained at once: a child blocked on a full stderr pipe would never finish.
        CompletableFuture<String> out = readAsync(process.getInputStream());
        CompletableFuture<String> err = readAsync(process.getErrorStream());
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
            }
            return new Result(process.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.get(0), e);
        }
    }

    static Result runChecked(List<String> command, Path directory, Map<String, String> environment, long timeoutSeconds)
            throws IOException {
        Result result = run(command, directory, environment, timeoutSeconds);
        if (!result.succeeded()) {
            throw new IOException(String.join(" ", command) + " exited with " + result.exitCode() + ": "
                    + result.stderr().strip());
        }
        return result;
    }

    private static CompletableFuture<String> readAsync(java.io.InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }
}
