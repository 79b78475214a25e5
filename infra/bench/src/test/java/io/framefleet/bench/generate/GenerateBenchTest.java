package io.framefleet.bench.generate;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GenerateBenchTest {

    /** What `./framefleet generate` prints, as GenerateCommand writes it. */
    static final String PRINTED = """
            framefleet: starting the fleet (local store) in /x/.framefleet/run/20261126-132903-409
            framefleet: fleet ready in 26.6 s; logs in /x/.framefleet/run/20261126-132903-409/logs
            job j-1 submitted: "a red circle moving left"
            preview of round 0 (its first candidate) after 6.5 s: /tmp/g13/preview.png
            preview of round 0 after 17.6 s: /tmp/g13/preview.png
            preview of round 1 (its first candidate) after 23.7 s: /tmp/g13/preview.png
            preview of round 1 after 34.7 s: /tmp/g13/preview.png
            results in /tmp/g13
            time: total 53.1 s, fleet start 26.6 s, job 24.6 s, fleet stop 1.9 s
            """;

    @Test
    void shouldReadTheTimesTheCommandPrints() {
        GenerateBench.Run r = GenerateBench.Run.parse(PRINTED, 54.2);
        assertThat(r).isEqualTo(new GenerateBench.Run(54.2, 53.1, 26.6, 6.5, 17.6, 24.6, 1.9, 2, false));
    }

    @Test
    void shouldRefuseOutputWithoutTimes() {
        assertThatThrownBy(() -> GenerateBench.Run.parse("framefleet: the fleet did not start", 3.0))
                .hasMessageContaining("no timing line");
    }

    @Test
    void shouldJudgeTheTargetsOnTheSlowestRun() {
        GenerateBench bench = new GenerateBench(Path.of("."), new GenerateBench.Settings(Path.of("."), "p", 1, 2));
        GenerateBench.Run fast = new GenerateBench.Run(50, 49, 25, 6, 16, 22, 2, 1, false);
        GenerateBench.Run slow = new GenerateBench.Run(61, 60, 30, 11, 20, 28, 2, 1, false);
        String md = bench.report(fast, false, List.of(fast, slow));
        assertThat(md).contains("| 2 | 61.0 | 30.0 | 11.0 | 20.0 | 28.0 | 2.0 | 1 |")
                .contains("| **median** | **55.5** |")
                .contains("under 60 s: NOT met in every run (slowest run 61.0 s)")
                .contains("within 10 s of submission: NOT met in every run (latest 11.0 s)")
                .contains("found every class-data archive already written");
        GenerateBench.Run built = new GenerateBench.Run(120, 50, 25, 6, 16, 22, 2, 1, true);
        assertThat(bench.report(built, true, List.of(fast))).contains("under 60 s: met in every run")
                .contains("within 10 s of submission: met in every run").contains("wrote class-data archives")
                .contains("the launcher's build of changed sources included");
        assertThat(GenerateBench.Run.parse("framefleet: building (./mvnw -B -q install -DskipTests)...\n" + PRINTED, 99)
                .built()).isTrue();
    }
}
