package io.framefleet.fleet.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ClassDataArchiveTest {

    @TempDir
    Path dir;

    /** Runs {@code java OPTIONS -version} and returns its exit code; the output goes to {@code log}. */
    private static int javaVersion(List<String> options, Path log) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.add("-version");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    @Test
    void shouldWriteTheArchiveOnANormalExitThenMapIt() throws Exception {
        Path program = Files.writeString(dir.resolve("app.jar"), "a program");
        Path archives = dir.resolve("cds");
        ClassDataArchive first = ClassDataArchive.of(archives, "svc", List.of(program));

        assertThat(first.jvmOptions(false)).as("only one launch writes").isEmpty();
        List<String> writing = first.jvmOptions(true);
        assertThat(writing).anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit="));
        int exit = javaVersion(writing, dir.resolve("dump.log"));
        assertThat(exit).isZero();
        assertThat(first.archive()).as("not before the process is over").doesNotExist();
        first.commit(exit);
        assertThat(first.archive()).isRegularFile();

        ClassDataArchive next = ClassDataArchive.of(archives, "svc", List.of(program));
        assertThat(next.archive()).isEqualTo(first.archive());
        List<String> mapping = new ArrayList<>(next.jvmOptions(true));
        assertThat(mapping).contains("-XX:SharedArchiveFile=" + first.archive());
        Path classes = dir.resolve("classes.log");
        mapping.add("-Xlog:class+load:file=" + classes);
        assertThat(javaVersion(mapping, dir.resolve("map.log"))).isZero();
        assertThat(Files.readString(classes)).as("classes come from the written archive")
                .contains("source: shared objects file (top)");
    }

    @Test
    void shouldNameTheArchiveAfterTheProgramFilesAndDropOlderOnes() throws Exception {
        Path lib = Files.createDirectories(dir.resolve("app/lib"));
        Path jar = Files.writeString(lib.resolve("a.jar"), "one");
        Path archives = dir.resolve("cds");
        ClassDataArchive before = ClassDataArchive.of(archives, "svc", List.of(dir.resolve("app")));
        Path other = Files.createDirectories(archives).resolve("svc2-0123456789abcdef.jsa");
        Files.writeString(other, "another program's");
        commitFake(before);

        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 5000));
        ClassDataArchive rebuilt = ClassDataArchive.of(archives, "svc", List.of(dir.resolve("app")));
        assertThat(rebuilt.archive()).as("a rebuilt program gets its own archive").isNotEqualTo(before.archive());
        assertThat(rebuilt.jvmOptions(true)).anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit="));
        commitFake(rebuilt);

        assertThat(rebuilt.archive()).isRegularFile();
        assertThat(before.archive()).as("the older build's archive is removed").doesNotExist();
        assertThat(other).as("another program's archive stays").isRegularFile();
    }

    @Test
    void shouldDropWhatAKilledProcessLeft() throws Exception {
        ClassDataArchive archive = ClassDataArchive.of(dir.resolve("cds"), "svc",
                List.of(Files.writeString(dir.resolve("app.jar"), "x")));
        Path pending = pending(archive);
        Files.writeString(pending, "half an archive");
        archive.commit(137);
        assertThat(pending).doesNotExist();
        assertThat(archive.archive()).doesNotExist();
    }

    @Test
    void shouldBeOffWhenAskedTo() {
        System.setProperty(ClassDataArchive.PROPERTY, "false");
        try {
            assertThat(ClassDataArchive.of(dir, "svc", List.of(dir))).isNull();
        } finally {
            System.clearProperty(ClassDataArchive.PROPERTY);
        }
    }

    /** What a process launched with the writing options leaves at a normal exit, without running one. */
    private static void commitFake(ClassDataArchive archive) throws IOException {
        Files.writeString(pending(archive), "archive");
        archive.commit(143);
    }

    private static Path pending(ClassDataArchive archive) {
        String option = archive.jvmOptions(true).stream().filter(o -> o.startsWith("-XX:ArchiveClassesAtExit="))
                .findFirst().orElseThrow();
        return Path.of(option.substring("-XX:ArchiveClassesAtExit=".length()));
    }
}
