package io.framefleet.fleet.process;

import io.framefleet.fleet.child.ParentWatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ParentWatchIT {

    @TempDir
    Path directory;

    @Test
    void shouldEndTheChildWhenItsParentIsKilled() throws Exception {
        Process parent = new ProcessBuilder("sleep", "120").start();
        Path agent = ParentWatch.writeAgentJar(directory);
        Path classes = Path.of(Idle.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-javaagent:" + agent + "=" + parent.pid(), "-cp", classes.toString(), Idle.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("child.log").toFile())
                .start();
        try {
            assertThat(child.waitFor(2, TimeUnit.SECONDS)).as("child stays up while its parent lives").isFalse();

            parent.destroyForcibly().waitFor();

            assertThat(child.waitFor(15, TimeUnit.SECONDS)).as("child ends after its parent was killed").isTrue();
            assertThat(child.exitValue()).isEqualTo(143);
        } finally {
            child.destroyForcibly();
            parent.destroyForcibly();
        }
    }

    /** A child that would run for ever. */
    public static final class Idle {
        public static void main(String[] args) throws InterruptedException {
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
