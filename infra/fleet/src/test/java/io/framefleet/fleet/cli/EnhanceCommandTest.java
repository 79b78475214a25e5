package io.framefleet.fleet.cli;

import io.framefleet.contracts.EnhanceOptions;
import io.framefleet.fleet.StoreType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnhanceCommandTest {

    @TempDir
    Path directory;

    @Test
    void shouldRejectFpsFactorTogetherWithFps() {
        assertThatThrownBy(() -> parse("in.mp4", "--out", "o", "--fps-factor", "2", "--fps", "50"))
                .isInstanceOf(CommandLine.MutuallyExclusiveArgsException.class)
                .hasMessageContaining("--fps-factor")
                .hasMessageContaining("--fps");
    }

    @Test
    void shouldExitWithBadInputCodeOnConflictingFrameRates() {
        StringWriter errors = new StringWriter();
        CommandLine cli = Main.commandLine().setErr(new PrintWriter(errors));

        int exitCode = cli.execute("enhance", "in.mp4", "--out", "o", "--fps-factor", "2", "--fps", "50");

        assertThat(exitCode).isEqualTo(EnhanceCommand.BAD_INPUT);
        assertThat(errors.toString()).contains("mutually exclusive");
    }

    @Test
    void shouldRefuseAMissingInputBeforeStartingTheFleet() {
        StringWriter errors = new StringWriter();
        CommandLine cli = Main.commandLine().setErr(new PrintWriter(errors));

        int exitCode = cli.execute("enhance", directory.resolve("absent.mp4").toString(), "--out", directory.toString());

        assertThat(exitCode).isEqualTo(EnhanceCommand.BAD_INPUT);
        assertThat(errors.toString()).contains("absent.mp4 is not a readable file");
    }

    @Test
    void shouldPassOnlyTheGivenOptions() {
        EnhanceCommand command = parse("in.mp4", "--out", "o", "--fps-factor", "2", "--scale", "2", "--codec", "FFV1",
                "--upscaler", "esrgan-thick");

        assertThat(command.options()).isEqualTo(new EnhanceOptions(2, null, 2.0, null, null, "ffv1", null, "esrgan-thick"));
    }

    @Test
    void shouldAcceptATargetFrameRate() {
        assertThat(parse("in.mp4", "--out", "o", "--fps", "59.94").options().fps()).isEqualTo(59.94);
    }

    @Test
    void shouldDefaultToTheLocalStoreAndAThirtyMinuteTimeout() {
        EnhanceCommand command = parse("in.mp4", "--out", "o");

        assertThat(command.store).isEqualTo(StoreType.LOCAL);
        assertThat(command.timeout).isEqualTo(Duration.ofMinutes(30));
        assertThat(command.options()).isEqualTo(new EnhanceOptions(null, null, null, null, null, null, null, null));
    }

    @Test
    void shouldReadStoreAndTimeout() {
        EnhanceCommand command = parse("in.mp4", "--out", "o", "--store", "s3", "--timeout", "90s");

        assertThat(command.store).isEqualTo(StoreType.S3);
        assertThat(command.timeout).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void shouldRejectAnUnknownCodec() {
        assertThatThrownBy(() -> parse("in.mp4", "--out", "o", "--codec", "vp9"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--codec");
    }

    @Test
    void shouldRequireAnOutputFolder() {
        assertThatThrownBy(() -> parse("in.mp4"))
                .isInstanceOf(CommandLine.MissingParameterException.class)
                .hasMessageContaining("--out");
    }

    @Test
    void shouldStartUpOnPort8080ByDefault() {
        CommandLine.ParseResult result = Main.commandLine().parseArgs("up");

        UpCommand up = (UpCommand) result.subcommand().commandSpec().userObject();
        assertThat(up.port).isEqualTo(8080);
        assertThat(up.store).isEqualTo(StoreType.LOCAL);
    }

    private static EnhanceCommand parse(String... arguments) {
        String[] withCommand = new String[arguments.length + 1];
        withCommand[0] = "enhance";
        System.arraycopy(arguments, 0, withCommand, 1, arguments.length);
        CommandLine.ParseResult result = Main.commandLine().parseArgs(withCommand);
        return (EnhanceCommand) result.subcommand().commandSpec().userObject();
    }
}
