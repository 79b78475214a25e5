package io.framefleet.interpolator;

import io.framefleet.contracts.StageTask;
import io.framefleet.media.FrameFilter;
import io.framefleet.worker.ProcessorResult;
import io.framefleet.worker.Rational;
import io.framefleet.worker.NamedProcessor;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Frame-rate conversion with FFmpeg's own filters: {@code minterpolate} (motion-compensated:
 * mci, aobmc, bidir, vsbmc) or {@code blend} (the {@code framerate} filter's cross-fade).
 * The next segment's first frame, when the planner sends it, lets the last in-between
 * frames of this segment be interpolated instead of held.
 */
public class FfmpegInterpolator extends NamedProcessor {

    public FfmpegInterpolator(String name) {
        super(name, "ffmpeg-" + FrameFilter.ffmpegVersion());
    }

    @Override
    public ProcessorResult process(StageTask task, List<Path> inputs, Path workDir) {
        Rational src = Rational.parse(task.param("srcFps"));
        Rational dst = Rational.parse(task.param("fps"));
        long expected = Long.parseLong(task.param("expectedFrames"));
        String graph = name().equals("blend")
                ? "framerate=fps=" + dst
                : FrameFilter.minterpolateGraph(dst.value(), Map.of("mi_mode", "mci", "mc_mode", "aobmc",
                        "me_mode", "bidir", "vsbmc", "1"));
        Path lookahead = inputs.size() > 1 ? inputs.get(1) : null;
        Path out = workDir.resolve("interpolated.mkv");
        long frames = FrameFilter.apply(inputs.get(0), lookahead, src.num(), src.den(), graph, expected, out);
        return ProcessorResult.single(out, task.output(), frames);
    }
}
