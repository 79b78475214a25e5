package io.framefleet.fleet.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * One child process of the fleet with its output appended to a log file. It can be started
 * again after it ended (crash-recovery tests kill and restart services).
 */
public final class ChildProcess implements AutoCloseable {

    /** How long a child may take to stop after SIGTERM before it is killed. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path logFile;
    private volatile Process process;
    private volatile boolean stopRequested;
    private volatile Consumer<ChildProcess> onUnexpectedExit = child -> { };

    public ChildProcess(String name, List<String> command, Map<String, String> environment, Path logFile) {
        this.name = name;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.logFile = logFile;
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return logFile;
    }

    /** Called when the process ends without {@link #stop}, {@link #kill} or {@link #close}. */
    public void onUnexpectedExit(Consumer<ChildProcess> listener) {
        this.onUnexpectedExit = listener;
    }

    public synchronized void start() throws IOException {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        Files.writeString(logFile, "### " + java.time.Instant.now() + " " + String.join(" ", command) + "\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(environment);
        stopRequested = false;
        Process started = builder.start();
        process = started;
        started.onExit().thenAccept(ended -> {
            if (!stopRequested && process == ended) {
                onUnexpectedExit.accept(this);
            }
        });
    }

    public boolean isAlive() {
        Process current = process;
        return current != null && current.isAlive();
    }

    public long pid() {
        return requireStarted().pid();
    }

    /** Exit code of the ended process, or -1 while it runs or before it started. */
    public int exitCode() {
        Process current = process;
        return current == null || current.isAlive() ? -1 : current.exitValue();
    }

    /**
     * Polls {@code check} until it answers true. Fails at once, with the end of the log, when
     * the process ends first, and after {@code timeout} otherwise.
     */
    public void awaitReady(ReadinessCheck check, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception lastFailure = null;
        while (System.nanoTime() < deadline) {
            if (!isAlive()) {
                throw new IllegalStateException(name + " exited with code " + exitCode()
                        + " before it was ready; end of " + logFile + ":\n" + logTail(30));
            }
            try {
                if (check.ready()) {
                    return;
                }
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                lastFailure = e;
            }
            Thread.sleep(150);
        }
        throw new IllegalStateException(name + " was not ready after " + timeout.toSeconds() + " s"
                + (lastFailure == null ? "" : " (last check: " + lastFailure + ")")
                + "; end of " + logFile + ":\n" + logTail(30));
    }

    /** SIGKILL, as a crash would; returns once the process is gone. */
    public synchronized void kill() throws InterruptedException {
        Process current = process;
        if (current == null) {
            return;
        }
        stopRequested = true;
        current.descendants().forEach(ProcessHandle::destroyForcibly);
        current.destroyForcibly();
        current.waitFor();
    }

    /** SIGTERM, then SIGKILL after {@code grace}; returns once the process and its children are gone. */
    public synchronized void stop(Duration grace) throws InterruptedException {
        Process current = process;
        if (current == null || !current.isAlive()) {
            return;
        }
        stopRequested = true;
        List<ProcessHandle> descendants = current.descendants().toList();
        current.destroy();
        if (!current.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            current.destroyForcibly();
            current.waitFor();
        }
        for (ProcessHandle descendant : descendants) {
            descendant.destroyForcibly();
        }
    }

    @Override
    public void close() {
        try {
            stop(STOP_GRACE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Process current = process;
            if (current != null) {
                current.destroyForcibly();
            }
        }
    }

    /** The last lines of the log, for error messages. */
    public String logTail(int lines) {
        Deque<String> tail = new ArrayDeque<>(lines);
        try (Stream<String> all = Files.lines(logFile, StandardCharsets.UTF_8)) {
            all.forEach(line -> {
                if (tail.size() == lines) {
                    tail.removeFirst();
                }
                tail.addLast(line);
            });
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
        return String.join("\n", tail);
    }

    private Process requireStarted() {
        Process current = process;
        if (current == null) {
            throw new IllegalStateException(name + " was never started");
        }
        return current;
    }

    @Override
    public String toString() {
        Process current = process;
        return name + (current == null ? " (not started)" : " pid " + current.pid() + (current.isAlive() ? "" : " (ended)"));
    }

    /** A readiness probe; an exception counts as not ready yet. */
    @FunctionalInterface
    public interface ReadinessCheck {
        boolean ready() throws Exception;
    }
}
