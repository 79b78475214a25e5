package io.framefleet.fleet.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A dynamic class-data archive (CDS) of one child program, so its JVM maps the classes it loaded last time, already
 * parsed and verified, instead of loading them again: alone on this machine the planner reached "started" in 2.3 to
 * 2.6 s with one against 3.6 s without, and six services starting at once on two cores wait for each other's CPU.
 * <p>
 * The first launch without an archive writes one when the JVM exits normally ({@code -XX:ArchiveClassesAtExit}, to a
 * private temporary name); {@link #commit} moves it into place once that process has ended, and later launches map it
 * ({@code -XX:SharedArchiveFile}). The name carries a digest of the JVM and of every file of the program (path,
 * size, modification time), so a rebuilt service or another JDK gets an archive of its own and the older ones
 * of the program are removed. A JVM that finds an archive it cannot use runs without it, as without this class.
 * {@code -Dframefleet.cds=false} turns it off.
 */
public final class ClassDataArchive {

    public static final String PROPERTY = "framefleet.cds";
    private static final String SUFFIX = ".jsa";

    private final Path directory;
    private final String program;
    private final Path archive;
    private final Path pending;

    private ClassDataArchive(Path directory, String program, String digest) {
        this.directory = directory;
        this.program = program;
        this.archive = directory.resolve(program + "-" + digest + SUFFIX);
        this.pending = directory.resolve(program + "-" + digest + "." + UUID.randomUUID() + ".tmp");
    }

    /**
     * @param directory where archives are kept
     * @param program   a name for the program, e.g. the service's
     * @param files     the program's own files: its class path jars, or the folder holding them
     * @return null when archives are turned off
     */
    public static ClassDataArchive of(Path directory, String program, List<Path> files) {
        if ("false".equalsIgnoreCase(System.getProperty(PROPERTY, "true"))) {
            return null;
        }
        return new ClassDataArchive(directory, program, digest(files));
    }

    /**
     * JVM options for one launch: map the archive when there is one; else, when {@code mayWrite} (one launch of a
     * program at a time should), write it at exit.
     */
    public List<String> jvmOptions(boolean mayWrite) {
        // Every child carries the ParentWatch agent, which transforms no class. The JVM writes an archive beside an
        // agent, and maps one written so, only when told (and then warns once, in the child's log, that the archive
        // was made with an agent). Classes it cannot archive (not linked) would be listed as warnings: not worth it.
        List<String> common = List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:+AllowArchivingWithJavaAgent",
                "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
        List<String> options = new ArrayList<>();
        if (Files.isRegularFile(archive)) {
            options.add("-XX:SharedArchiveFile=" + archive);
        } else if (mayWrite && ensureDirectory()) {
            options.add("-XX:ArchiveClassesAtExit=" + pending);
        } else {
            return List.of();
        }
        options.addAll(common);
        return List.copyOf(options);
    }

    private boolean ensureDirectory() {
        try {
            Files.createDirectories(directory);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * After the process launched with {@link #jvmOptions} has ended: keeps the archive it wrote if it exited normally
     * ({@code exitCode} 0, or 143 after SIGTERM), drops it otherwise, and removes the program's older archives.
     */
    public void commit(int exitCode) {
        try {
            if (!Files.isRegularFile(pending)) {
                return;
            }
            if (exitCode != 0 && exitCode != 143) {
                Files.deleteIfExists(pending);
                return;
            }
            try {
                Files.move(pending, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(pending, archive, StandardCopyOption.REPLACE_EXISTING);
            }
            try (Stream<Path> all = Files.list(directory)) {
                for (Path old : all.filter(this::isOlderArchive).toList()) {
                    // A JVM still running from it keeps its mapping; the next launch of that build writes anew.
                    Files.deleteIfExists(old);
                }
            }
        } catch (IOException e) {
            // Only a faster start is lost.
        }
    }

    public Path archive() {
        return archive;
    }

    private boolean isOlderArchive(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(program + "-") && name.endsWith(SUFFIX) && !file.equals(archive)
                && name.substring(program.length() + 1, name.length() - SUFFIX.length()).matches("[0-9a-f]{16}");
    }

    private static String digest(List<Path> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((System.getProperty("java.home") + "\n" + System.getProperty("java.vm.version") + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            for (Path root : files) {
                try (Stream<Path> walk = Files.walk(root)) {
                    for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                        String line = file.toAbsolutePath() + "\t" + a.size() + "\t" + a.lastModifiedTime().toMillis();
                        sha.update((line + "\n").getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + files, e);
        }
    }
}
