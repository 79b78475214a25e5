package io.framefleet.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BenchmarksFileTest {

    private static final String DOC = "# Benchmarks\n\nMade by a run.\n\n## Super-resolution\n\nsr table\n\n"
            + "## Frame interpolation\n\n### clip\n\ninterp table\n\n## On a GPU (measured separately)\n\ngpu\n\n"
            + "Whole run: 414 s.\n";

    @Test
    void shouldReplaceOnlyTheSectionOfTheSameHeading() {
        String out = BenchmarksFile.replaceSection(DOC, "## Frame interpolation\n\nnew interp\n");
        assertThat(out).isEqualTo("# Benchmarks\n\nMade by a run.\n\n## Super-resolution\n\nsr table\n\n"
                + "## Frame interpolation\n\nnew interp\n\n## On a GPU (measured separately)\n\ngpu\n\n"
                + "Whole run: 414 s.\n");
    }

    @Test
    void shouldPutANewSectionBeforeTheGpuSectionAndReplaceItNextTime() {
        String once = BenchmarksFile.replaceSection(DOC, "## Text-to-video (shapes domain)\n\nfirst\n");
        assertThat(once).contains("interp table\n\n## Text-to-video (shapes domain)\n\nfirst\n\n## On a GPU");
        String twice = BenchmarksFile.replaceSection(once, "## Text-to-video (shapes domain)\n\nsecond\n");
        assertThat(twice).doesNotContain("first").contains("## Text-to-video (shapes domain)\n\nsecond\n\n## On a GPU")
                .contains("## Super-resolution\n\nsr table").endsWith("Whole run: 414 s.\n");
    }

    @Test
    void shouldReplaceTheLastSectionUpToTheClosingLine() {
        String doc = "# B\n\n## Super-resolution\n\nold\n\nWhole run: 5 s.\n";
        assertThat(BenchmarksFile.replaceSection(doc, "## Super-resolution\n\nnew"))
                .isEqualTo("# B\n\n## Super-resolution\n\nnew\n\nWhole run: 5 s.\n");
    }
}
