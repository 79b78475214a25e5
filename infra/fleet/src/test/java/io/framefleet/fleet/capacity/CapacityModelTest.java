package io.framefleet.fleet.capacity;

import io.framefleet.contracts.Stage;
import io.framefleet.fleet.capacity.CapacityModel.StagePlan;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CapacityModelTest {

    private static final StageRates RATES = StageRates.parse("""
            stage,device,worker_s_per_mpx,cpu_s_per_mpx,gpu_s_per_mpx,cores_per_worker,source
            # made-up round numbers, so the expected values can be worked out by hand
            interpolate,cpu,0.1,0.15,0,2,test
            upscale,cpu,0.5,0.9,0,2,test
            upscale,gpu,0.02,0.02,0.001,4,test
            evaluate,cpu,0.05,0.08,0,2,test
            """);

    private final CapacityModel model = new CapacityModel(RATES, 0.7, 60, 2, new CapacityModel.Prices(0.04, 3.0));

    /** 120 jobs an hour of 10 s 1280x720 at 30 fps, x2 frame rate, x2 size: 300 frames in, 600 out, 7 segments. */
    private final Workload load = new Workload(120, 10, 1280, 720, 30, 2, 2, 48);

    @Test
    void shouldCountFramesSegmentsAndPixelsOfAJob() {
        assertThat(load.sourceFrames()).isEqualTo(300);
        assertThat(load.outputFrames()).isEqualTo(600);
        assertThat(load.segments()).isEqualTo(7);
        assertThat(load.outputMegapixels()).isCloseTo(3.6864, within(1e-9));
    }

    @Test
    void shouldSizeEachCpuStageForTheLoad() {
        List<StagePlan> plans = model.plan(load, false);
        assertThat(plans).extracting(StagePlan::stage).containsExactly(Stage.INTERPOLATE, Stage.UPSCALE, Stage.EVALUATE);

        StagePlan interpolate = plans.get(0);
        // 600 frames x 0.9216 Mpx at the source size.
        assertThat(interpolate.megapixelsPerJob()).isCloseTo(552.96, within(1e-6));
        assertThat(interpolate.workerSecondsPerJob()).isCloseTo(55.296, within(1e-6));
        assertThat(interpolate.taskSeconds()).isCloseTo(55.296 / 7, within(1e-9));
        // 120/3600 x 55.296 = 1.8432 busy workers; / 0.7 = 2.63 -> 3.
        assertThat(interpolate.busyWorkers()).isCloseTo(1.8432, within(1e-9));
        assertThat(interpolate.replicas()).isEqualTo(3);
        assertThat(interpolate.maxReplicas()).isEqualTo(6);
        assertThat(interpolate.partitions()).isEqualTo(6);
        // floor(60 / 7.899) = 7.
        assertThat(interpolate.lagThreshold()).isEqualTo(7);
        assertThat(interpolate.cpuSecondsPerJob()).isCloseTo(82.944, within(1e-6));
        assertThat(interpolate.costPerJob()).isCloseTo(82.944 * 0.04 / 3600, within(1e-12));
        // Three replicas of two cores at 0.04 an hour, shared by 120 jobs.
        assertThat(interpolate.provisionedCostPerJob()).isCloseTo(3 * 2 * 0.04 / 120, within(1e-12));

        StagePlan upscale = plans.get(1);
        assertThat(upscale.megapixelsPerJob()).isCloseTo(2211.84, within(1e-6));
        assertThat(upscale.busyWorkers()).isCloseTo(36.864, within(1e-9));
        assertThat(upscale.replicas()).isEqualTo(53);
        // A task takes 158 s, longer than the react time: every queued task asks for a replica.
        assertThat(upscale.lagThreshold()).isEqualTo(1);

        StagePlan evaluate = plans.get(2);
        assertThat(evaluate.tasksPerJob()).isEqualTo(1);
        assertThat(evaluate.workerSecondsPerJob()).isCloseTo(110.592, within(1e-6));
        assertThat(evaluate.replicas()).isEqualTo(6);
    }

    @Test
    void shouldPutUpscalingOnGpusAndChargeTheGpuForTheWholeTask() {
        List<StagePlan> plans = model.plan(load, true);
        assertThat(plans.get(0).rate().device()).isEqualTo(StageRate.Device.CPU);
        StagePlan upscale = plans.get(1);
        assertThat(upscale.rate().device()).isEqualTo(StageRate.Device.GPU);
        assertThat(upscale.workerSecondsPerJob()).isCloseTo(44.2368, within(1e-6));
        assertThat(upscale.replicas()).isEqualTo(3);
        assertThat(upscale.lagThreshold()).isEqualTo(9);
        assertThat(upscale.gpuSecondsPerJob()).isCloseTo(2.21184, within(1e-9));
        assertThat(upscale.costPerJob()).isCloseTo(44.2368 * 3.0 / 3600, within(1e-12));
        assertThat(upscale.provisionedCostPerJob()).isCloseTo(3 * 3.0 / 120, within(1e-12));
    }

    @Test
    void shouldSkipStagesTheJobDoesNotNeed() {
        Workload sizeOnly = new Workload(10, 10, 640, 360, 25, 1, 2, 48);
        assertThat(model.plan(sizeOnly, false)).extracting(StagePlan::stage).containsExactly(Stage.UPSCALE, Stage.EVALUATE);
    }

    @Test
    void shouldKeepAtLeastOneReplicaAndOneTaskOfLag() {
        Workload trickle = new Workload(0.1, 1, 64, 64, 10, 2, 2, 48);
        assertThat(model.plan(trickle, false)).allSatisfy(p -> {
            assertThat(p.replicas()).isEqualTo(1);
            assertThat(p.lagThreshold()).isGreaterThanOrEqualTo(1);
        });
    }

    @Test
    void shouldDeriveTheLagThresholdFromTheReactTime() {
        assertThat(CapacityModel.lagThreshold(60, 7.5)).isEqualTo(8);
        assertThat(CapacityModel.lagThreshold(60, 60)).isEqualTo(1);
        assertThat(CapacityModel.lagThreshold(60, 120)).isEqualTo(1);
        assertThat(CapacityModel.lagThreshold(60, 0.5)).isEqualTo(120);
    }

    @Test
    void shouldFallBackToTheCpuRateWhereAStageHasNoGpuWorker() {
        assertThat(RATES.forStage(Stage.EVALUATE, StageRate.Device.GPU).device()).isEqualTo(StageRate.Device.CPU);
        assertThatThrownBy(() -> RATES.forStage(Stage.KEYFRAME, StageRate.Device.CPU))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldReadTheCommittedRatesForEveryEnhancementStage() {
        StageRates bundled = StageRates.bundled();
        for (Stage stage : List.of(Stage.INTERPOLATE, Stage.UPSCALE, Stage.EVALUATE)) {
            assertThat(bundled.find(stage, StageRate.Device.CPU)).as(stage.path()).isPresent();
        }
        assertThat(bundled.find(Stage.UPSCALE, StageRate.Device.GPU)).isPresent();
        assertThat(bundled.rates()).allSatisfy(r -> assertThat(r.source()).isNotBlank());
    }
}
