package io.framefleet.superres;

import io.framefleet.contracts.StageTask;
import io.framefleet.media.FrameFilter;
import io.framefleet.worker.ProcessorResult;
import io.framefleet.worker.Rational;
import io.framefleet.worker.StageProcessor;

import java.nio.file.Path;
import java.util.List;

/** Resampling with FFmpeg's swscale: {@code lanczos} (the usual baseline) or {@code bicubic}. */
public class FfmpegScaler implements StageProcessor {

    private final String name;

    public FfmpegScaler(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String version() {
        return "ffmpeg-" + org.bytedeco.ffmpeg.global.avutil.av_version_info().getString();
    }

    @Override
    public ProcessorResult process(StageTask task, List<Path> inputs, Path workDir) {
        int width = Integer.parseInt(task.param("width"));
        int height = Integer.parseInt(task.param("height"));
        Rational fps = Rational.parse(task.param("fps"));
        long frames = Long.parseLong(task.param("frames"));
        String graph = "scale=" + width + ":" + height + ":flags=" + name;
        Path out = workDir.resolve("upscaled.mkv");
        long written = FrameFilter.apply(inputs.get(0), null, fps.num(), fps.den(), graph, frames, out);
        return ProcessorResult.single(out, task.output(), written);
    }
}
