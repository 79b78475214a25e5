package io.framefleet.fleet.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResultsTest {

    @Test
    void shouldNameEachDownloadAfterTheLastSegmentOfItsKey() {
        assertThat(Results.fileName("job-1/video.mp4")).isEqualTo("video.mp4");
        assertThat(Results.fileName("report.json")).isEqualTo("report.json");
    }

    @Test
    void shouldRefuseKeysThatWouldLeaveTheOutputFolder() {
        assertThatThrownBy(() -> Results.fileName("job-1/..")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Results.fileName("job-1/")).isInstanceOf(IllegalArgumentException.class);
    }
}
