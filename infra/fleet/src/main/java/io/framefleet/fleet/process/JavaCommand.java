package io.framefleet.fleet.process;

import io.framefleet.fleet.child.ParentWatch;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The command line of a child JVM: the same {@code java} as this JVM, the {@link ParentWatch}
 * agent so the child ends when this process ends, then options, system properties and the
 * entry point.
 */
public final class JavaCommand {

    private static Path agentJar;

    private final List<String> jvmOptions = new ArrayList<>();
    private final Map<String, String> systemProperties = new TreeMap<>();
    private final List<String> entryPoint = new ArrayList<>();
    private final List<String> arguments = new ArrayList<>();

    public JavaCommand jvmOption(String option) {
        jvmOptions.add(option);
        return this;
    }

    public JavaCommand systemProperty(String key, String value) {
        systemProperties.put(key, value);
        return this;
    }

    public JavaCommand systemProperties(Map<String, String> properties) {
        systemProperties.putAll(properties);
        return this;
    }

    /** Runs {@code mainClass} from the class path built of the given entries. */
    public JavaCommand main(List<Path> classPath, String mainClass) {
        entryPoint.clear();
        entryPoint.add("-cp");
        entryPoint.add(String.join(File.pathSeparator, classPath.stream().map(Path::toString).toList()));
        entryPoint.add(mainClass);
        return this;
    }

    public JavaCommand jar(Path jar) {
        entryPoint.clear();
        entryPoint.add("-jar");
        entryPoint.add(jar.toString());
        return this;
    }

    public JavaCommand argument(String argument) {
        arguments.add(argument);
        return this;
    }

    public List<String> build() {
        if (entryPoint.isEmpty()) {
            throw new IllegalStateException("a Java command needs a main class or a jar");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-javaagent:" + parentWatchJar() + "=" + ProcessHandle.current().pid());
        command.addAll(jvmOptions);
        systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(entryPoint);
        command.addAll(arguments);
        return command;
    }

    /** One agent jar per JVM, in a temporary folder removed when this JVM exits. */
    private static synchronized Path parentWatchJar() {
        if (agentJar == null) {
            try {
                Path directory = Files.createTempDirectory("framefleet-agent");
                agentJar = ParentWatch.writeAgentJar(directory);
                // Children keep the jar open, so removing it at exit does not disturb them.
                directory.toFile().deleteOnExit();
                agentJar.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a temporary folder for the agent jar", e);
            }
        }
        return agentJar;
    }
}
