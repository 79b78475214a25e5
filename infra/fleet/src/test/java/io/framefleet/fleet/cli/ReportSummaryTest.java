package io.framefleet.fleet.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReportSummaryTest {

    @Test
    void shouldFlattenObjectsAndCountArrays() throws Exception {
        var report = new ObjectMapper().readTree("""
                {"jobId":"j1","quality":{"psnr":31.23456,"ssim":0.951234,"vmaf":{"mean":88.0}},
                 "timings":{"interpolateSeconds":12.5},"segments":[1,2,3]}""");

        assertThat(ReportSummary.lines(report)).containsExactly(
                "jobId: j1",
                "quality: psnr=31.23 ssim=0.9512 vmaf.mean=88.0",
                "timings: interpolateSeconds=12.50",
                "segments: [3 items]");
    }
}
