package io.framefleet.fleet.cli;

import io.framefleet.contracts.GenerateOptions;
import io.framefleet.contracts.ObjectRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GenerateCommandTest {

    @TempDir
    Path directory;

    private static final GenerateOptions NONE = new GenerateOptions(null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null);

    @Test
    void shouldPassOnlyTheGivenOptions() throws Exception {
        GenerateCommand.Request r = parse("a red circle moving right", "--out", "o", "--seconds", "1.5", "--fps", "24",
                "--size", "256x192", "--seed", "7", "--steps", "8", "--guidance", "2.5", "--candidates", "2",
                "--negative", "gray background", "--threshold", "0.3", "--rounds", "2", "--codec", "ffv1").request();

        assertThat(r.prompt()).isEqualTo("a red circle moving right");
        assertThat(r.options()).isEqualTo(new GenerateOptions("gray background", 1.5, 24.0, 256, 192, 7L, 8, 2.5, 2,
                0.3, 2, "ffv1", null, null, null, null));
    }

    @Test
    void shouldLeaveDefaultsToIngest() throws Exception {
        assertThat(parse("a blue square", "--out", "o").request().options()).isEqualTo(NONE);
        assertThat(parse("a blue square", "--out", "o", "--image").request().options().image()).isTrue();
    }

    @Test
    void shouldRefuseASizeThatIsNotWxH() {
        assertThatThrownBy(() -> parse("x", "--out", "o", "--size", "256").request())
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("WxH");
    }

    @Test
    void shouldExitWithBadInputWithoutPromptBeforeStartingTheFleet() {
        StringWriter errors = new StringWriter();
        CommandLine cli = Main.commandLine().setErr(new PrintWriter(errors));

        int exitCode = cli.execute("generate", "--out", directory.toString());

        assertThat(exitCode).isEqualTo(EnhanceCommand.BAD_INPUT);
        assertThat(errors.toString()).contains("give a PROMPT");
    }

    @Test
    void shouldReplayTheRecordedRequestOfAManifestWithOverrides() throws Exception {
        Path manifest = Files.writeString(directory.resolve("manifest.json"), """
                {"jobId": "j1",
                 "options": {"fps": 16.0, "width": 128, "height": 128, "codec": "h264"},
                 "generation": {"request": {"jobId": "j1", "prompt": "a green cross moving up",
                   "options": {"seconds": 2.0, "fps": 16.0, "width": 128, "height": 128, "seed": 1234, "steps": 16,
                               "guidance": 3.0, "candidates": 4, "threshold": 0.5, "maxRounds": 3, "codec": "h264",
                               "interpolator": "flow", "upscaler": "sr-fast", "image": false, "model": "t2v-shapes"}}}}
                """);
        GenerateCommand.Request r = parse("--out", "o", "--replay", manifest.toString(), "--size", "64x64").request();

        assertThat(r.prompt()).isEqualTo("a green cross moving up");
        assertThat(r.options().seed()).isEqualTo(1234);
        assertThat(r.options().candidates()).isEqualTo(4);
        assertThat(r.options().width()).isEqualTo(64);
        assertThat(r.options().maxRounds()).isEqualTo(3);
    }

    @Test
    void shouldRefuseToReplayAnEnhancementManifest() throws Exception {
        Path manifest = Files.writeString(directory.resolve("manifest.json"),
                "{\"jobId\":\"j1\",\"options\":{\"fpsFactor\":2}}");
        assertThatThrownBy(() -> parse("--out", "o", "--replay", manifest.toString()).request())
                .hasMessageContaining("not the manifest of a generation job");
    }

    @Test
    void shouldFindTheLatestPreviewAndItsRound() {
        ObjectRef preview = ObjectRef.of("work", "jobs/j1/keyframe/2-a1/preview.png");
        JobView job = new JobView("j1", "RUNNING", "GATE", null, 0.3, null,
                List.of(ObjectRef.of("work", "jobs/j1/keyframe/2-a1/c0.mkv"), preview), null);
        assertThat(GenerateCommand.preview(job)).contains(preview);
        assertThat(GenerateCommand.round(preview)).isEqualTo("2");
        assertThat(GenerateCommand.firstOnly(preview)).isFalse();
        ObjectRef first = ObjectRef.of("work", "jobs/j1/keyframe/0-a2/first/preview.png");
        assertThat(GenerateCommand.preview(new JobView("j1", "RUNNING", "KEYFRAME", null, 0.1, null, List.of(first),
                null))).contains(first);
        assertThat(GenerateCommand.round(first)).isEqualTo("0");
        assertThat(GenerateCommand.firstOnly(first)).isTrue();
        assertThat(GenerateCommand.preview(new JobView("j1", "RUNNING", null, null, 0.0, null, null, null))).isEmpty();
    }

    private static GenerateCommand parse(String... arguments) {
        String[] withCommand = new String[arguments.length + 1];
        withCommand[0] = "generate";
        System.arraycopy(arguments, 0, withCommand, 1, arguments.length);
        CommandLine.ParseResult result = Main.commandLine().parseArgs(withCommand);
        return (GenerateCommand) result.subcommand().commandSpec().userObject();
    }
}
