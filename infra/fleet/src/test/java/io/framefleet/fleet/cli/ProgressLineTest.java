package io.framefleet.fleet.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressLineTest {

    @Test
    void shouldShowStateStagesProgressAndEta() {
        JobView job = running(0.4, 72.0);

        assertThat(ProgressLine.describe(job)).isEqualTo("RUNNING UPSCALE  interpolate 3/3  upscale 1/3  evaluate 0/1  40%  eta 1:12");
    }

    @Test
    void shouldPrintALineOnlyWhenTheJobChangedWhenNotOnATerminal() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressLine line = new ProgressLine(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);

        line.show(running(0.4, 72.0), Duration.ofSeconds(1));
        line.show(running(0.4, 72.0), Duration.ofSeconds(2));
        line.show(running(0.5, 60.0), Duration.ofSeconds(3));

        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).hasSize(2);
    }

    private static JobView running(double progress, double eta) {
        Map<String, JobView.StageProgress> stages = new LinkedHashMap<>();
        stages.put("INTERPOLATE", new JobView.StageProgress(3, 3));
        stages.put("UPSCALE", new JobView.StageProgress(1, 3));
        stages.put("EVALUATE", new JobView.StageProgress(0, 1));
        return new JobView("j1", "RUNNING", "UPSCALE", stages, progress, eta, List.of(), null);
    }
}
