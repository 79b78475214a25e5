package io.framefleet.fleet.child;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * A Java agent that ends its JVM when the JVM that started it is gone. Every child of the
 * fleet (Kafka, S3Mock, each service) is started with {@code -javaagent:<jar>=<parent pid>}.
 *
 * <p>Why an agent: the parent's shutdown hook covers Ctrl-C and normal exits, but not
 * {@code kill -9} or a crashed test JVM, and Linux only offers {@code PR_SET_PDEATHSIG}
 * through native code. An agent needs no change to the children's own main classes (they keep
 * their plain {@code java -jar} command lines) and works the same for all three kinds.
 *
 * <p>Only JDK classes and no nested classes here: the class is copied alone into the agent jar.
 */
public final class ParentWatch {

    /** How long the orphan's shutdown hooks may run before the JVM is halted. */
    private static final long GRACE_MILLIS = 15_000;

    private ParentWatch() {
    }

    public static void premain(String parentPid, Instrumentation instrumentation) {
        long pid = Long.parseLong(parentPid.trim());
        Thread watcher = new Thread(() -> watch(pid), "framefleet-parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static void watch(long parentPid) {
        ProcessHandle.of(parentPid).ifPresent(parent -> parent.onExit().join());
        System.err.println("framefleet: parent process " + parentPid + " is gone, stopping");
        Thread halter = new Thread(() -> {
            try {
                Thread.sleep(GRACE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(137);
        }, "framefleet-parent-watch-halt");
        halter.setDaemon(true);
        halter.start();
        // A normal exit runs the child's own shutdown hooks (Kafka flushes its logs, Quarkus stops).
        System.exit(143);
    }

    /**
     * Writes the agent jar (this class plus a manifest) into {@code directory} and returns it.
     * The jar is made at run time so the fleet works from a classes folder as well as from a jar.
     */
    public static Path writeAgentJar(Path directory) {
        Path jar = directory.resolve("parent-watch.jar");
        String entry = ParentWatch.class.getName().replace('.', '/') + ".class";
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Premain-Class", ParentWatch.class.getName());
        try (InputStream classBytes = ParentWatch.class.getClassLoader().getResourceAsStream(entry)) {
            if (classBytes == null) {
                throw new IllegalStateException("class file not found on the class path: " + entry);
            }
            Files.createDirectories(directory);
            Path partial = Files.createTempFile(directory, "parent-watch", ".jar.part");
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(partial), manifest)) {
                out.putNextEntry(new JarEntry(entry));
                classBytes.transferTo(out);
                out.closeEntry();
            }
            return Files.move(partial, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the parent-watch agent jar to " + directory, e);
        }
    }
}
