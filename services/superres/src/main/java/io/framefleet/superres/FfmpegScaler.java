package io.framefleet.superres;

import io.framefleet.contracts.StageTask;
import io.framefleet.media.FrameFilter;
import io.framefleet.worker.ProcessorResult;
import io.framefleet.worker.Rational;
import io.framefleet.worker.NamedProcessor;

import java.nio.file.Path;
import java.util.List;

/** Resampling with FFmpeg's swscale: {@code lanczos} (the usual baseline) or {@code bicubic}. */
public class FfmpegScaler extends NamedProcessor {

    public FfmpegScaler(String name) {
        super(name, "ffmpeg-" + FrameFilter.ffmpegVersion());
    }

    @Override
    public ProcessorResult process(StageTask task, List<Path> inputs, Path workDir) {
        int width = Integer.parseInt(task.param("width"));
        int height = Integer.parseInt(task.param("height"));
        Rational fps = Rational.parse(task.param("fps"));
        long frames = Long.parseLong(task.param("frames"));
        String graph = "scale=" + width + ":" + height + ":flags=" + name();
        Path out = workDir.resolve("upscaled.mkv");
        long written = FrameFilter.apply(inputs.get(0), null, fps.num(), fps.den(), graph, frames, out);
        return ProcessorResult.single(out, task.output(), written);
    }
}
