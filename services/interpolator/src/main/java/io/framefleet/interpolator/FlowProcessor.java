package io.framefleet.interpolator;

import io.framefleet.contracts.StageTask;
import io.framefleet.interpolator.flow.FlowInterpolator;
import io.framefleet.interpolator.flow.FlowSettings;
import io.framefleet.worker.NamedProcessor;
import io.framefleet.worker.ProcessorResult;
import io.framefleet.worker.Rational;

import java.nio.file.Path;
import java.util.List;

/**
 * Frame-rate conversion by our own motion-compensated interpolator ({@link FlowInterpolator}): DIS optical flow
 * both ways, occlusion-aware bidirectional warping, cross-fade where the flow is unreliable, no mixing across cuts.
 * Writes lossless RGB; the next segment's first frame, when the planner sends it, is the lookahead.
 */
public class FlowProcessor extends NamedProcessor {

    private final FlowSettings settings;

    public FlowProcessor(FlowSettings settings) {
        super("flow", "flow-" + settings.version());
        this.settings = settings;
    }

    @Override
    public ProcessorResult process(StageTask task, List<Path> inputs, Path workDir) {
        Rational src = Rational.parse(task.param("srcFps"));
        Rational dst = Rational.parse(task.param("fps"));
        long expected = Long.parseLong(task.param("expectedFrames"));
        Path lookahead = inputs.size() > 1 ? inputs.get(1) : null;
        Path out = workDir.resolve("interpolated.mkv");
        long frames = new FlowInterpolator(settings).interpolate(inputs.get(0), lookahead, src, dst, expected, out);
        return ProcessorResult.single(out, task.output(), frames);
    }
}
