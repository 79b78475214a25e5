package io.framefleet.bench.sr;

import io.framefleet.inference.ImageUpscaler;
import io.framefleet.inference.ModelDescriptor;
import io.framefleet.inference.ModelRepository;
import io.framefleet.inference.PlanarImage;
import io.framefleet.inference.SrModel;
import io.framefleet.media.FrameFilter;
import io.framefleet.media.FrameReader;
import io.framefleet.media.RgbSegmentWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Quality and speed of the learned upscalers against FFmpeg's Lanczos on real photos, by the protocol the Python
 * evaluation uses too: skimage's astronaut, coffee, chelsea and motorcycle_left, centre-cropped to at most
 * 480 x 480 (sides a multiple of 8), shrunk by PIL's bicubic, upscaled back, scored on luma. The same again from
 * an H.264 (CRF 23) round trip of the small image, which is what the fleet really upscales. Then frames per second
 * at 960x540 output, and how much slower the same TorchScript file runs under DJL than under Python's torch.
 * <p>
 * The models are the ones the superres service bundles, run through the same {@link ImageUpscaler}; the Lanczos
 * baseline goes through the same FFmpeg filter path as the service's {@code lanczos} processor.
 */
public final class SuperResolutionBench {

    static final Path SKIMAGE = Path.of("/usr/lib/python3/dist-packages/skimage/data");
    static final List<String> IMAGES = List.of("astronaut.png", "coffee.png", "chelsea.png", "motorcycle_left.png");
    static final int CROP = 480;
    static final int[] SCALES = {2, 4};
    /** Every model name a bundle may hold; absent ones are left out of the tables. */
    static final List<String> PROFILES = List.of("sr-fast", "sr-quality", "esrgan-slim", "esrgan-medium",
            "esrgan-thick");
    static final String PYTHON = "/usr/bin/python3";
    static final int TIMED_RUNS = 7;
    /** A model slower than this per frame (after its first run) is timed with {@link #SLOW_RUNS} runs. */
    static final double SLOW_MILLIS = 2000;
    static final int SLOW_RUNS = 3;

    private final Path work;
    private final ModelRepository repository;
    private final int threads;
    private final StringBuilder md = new StringBuilder();

    public SuperResolutionBench(Path work) {
        this.work = work;
        // One setting for libtorch under DJL and under Python, so the overhead row compares like with like.
        this.threads = Integer.getInteger("ai.djl.pytorch.num_threads", Runtime.getRuntime().availableProcessors());
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        this.repository = ModelRepository.classpath(work.resolve("models"));
    }

    public static void main(String[] args) throws IOException {
        Path work = args.length > 0 ? Files.createDirectories(Path.of(args[0]))
                : Files.createTempDirectory("framefleet-sr-bench");
        System.out.println(new SuperResolutionBench(work).run());
    }

    /** Runs everything and returns a Markdown section; progress goes to stderr. */
    public String run() {
        try {
            Map<Integer, List<SrModel>> models = loadModels();
            try {
                md.append("## Super-resolution\n\n");
                setup(models);
                quality(models);
                throughput(models);
                overhead(models);
            } finally {
                models.values().forEach(list -> list.forEach(SrModel::close));
            }
            return md.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private Map<Integer, List<SrModel>> loadModels() {
        Map<Integer, List<SrModel>> models = new LinkedHashMap<>();
        for (int scale : SCALES) {
            List<SrModel> list = new ArrayList<>();
            for (String profile : PROFILES) {
                String name = profile + "-x" + scale;
                if (repository.find(name).isPresent()) {
                    log("loading " + name);
                    list.add(SrModel.builder().setRepository(repository).setName(name).build());
                }
            }
            models.put(scale, list);
        }
        return models;
    }

    private void setup(Map<Integer, List<SrModel>> models) {
        md.append("Setup:\n\n")
                .append("- Images: ").append(String.join(", ", IMAGES)).append(" from ").append(SKIMAGE)
                .append(" (test images only, never trained on); centre crop of min(480, side), rounded down to a")
                .append(" multiple of 8.\n")
                .append("- Low resolution: PIL-exact bicubic downscale by the scale (Keys a = -0.5, antialiased, 8-bit).\n")
                .append("- H.264 columns: the low-resolution image encoded with Debian's ffmpeg (`-c:v libx264 -crf 23")
                .append(" -pix_fmt yuv420p`, ").append(ffmpegVersion()).append(") and decoded back to RGB first.\n")
                .append("- Lanczos: FFmpeg ").append(FrameFilter.ffmpegVersion())
                .append(" swscale `scale=W:H:flags=lanczos` on RGB, the service's `lanczos` processor path.\n")
                .append("- Score: 8-bit output, Y = 16 + 65.481 R + 128.553 G + 24.966 B (unrounded), border of")
                .append(" `scale` pixels cropped, PSNR-Y (peak 255), SSIM-Y (Gaussian 11, sigma 1.5); mean of the four images.\n")
                .append("- Models (DJL ").append(ai.djl.engine.Engine.getDjlVersion()).append(", PyTorch engine ")
                .append(ai.djl.engine.Engine.getEngine("PyTorch").getVersion()).append(", CPU, ").append(threads)
                .append(" threads):");
        models.values().stream().flatMap(List::stream).forEach(m -> md.append(" `").append(m.descriptor().tag())
                .append("` (").append(m.descriptor().parameters()).append(" parameters)"));
        if (models.values().stream().allMatch(List::isEmpty)) {
            md.append(" none bundled");
        }
        md.append(".\n- Seconds per image: wall time of one upscale of one crop, after a warm-up run.\n\n");
    }

    /** One method: low-resolution RGB in, upscaled RGB out. */
    private record Method(String label, int scale, UnaryOperator<RgbImage> upscale) {
    }

    private record Totals(double[] psnr, double[] ssim, double[] seconds) {
        Totals() {
            this(new double[2], new double[2], new double[2]);
        }
    }

    private void quality(Map<Integer, List<SrModel>> models) throws IOException, InterruptedException {
        md.append("| method | scale | PSNR-Y | SSIM-Y | gain vs Lanczos | s / image | PSNR-Y (H.264) | SSIM-Y (H.264)")
                .append(" | gain (H.264) | s / image (H.264) |\n|---|---|---|---|---|---|---|---|---|---|\n");
        List<RgbImage> originals = new ArrayList<>();
        for (String name : IMAGES) {
            Path file = SKIMAGE.resolve(name);
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException(file + " is missing: apt-get install -y python3-skimage");
            }
            originals.add(RgbImage.read(file).centreCrop(CROP));
        }
        for (int scale : SCALES) {
            List<Method> methods = new ArrayList<>();
            methods.add(new Method("Lanczos (swscale)", scale, lr -> lanczos(lr, lr.width() * scale, lr.height() * scale)));
            for (SrModel model : models.get(scale)) {
                methods.add(new Method(model.descriptor().name(), scale, lr -> upscale(model, lr, scale)));
            }
            List<RgbImage> hr = originals;
            List<RgbImage> lr = new ArrayList<>();
            List<RgbImage> lr264 = new ArrayList<>();
            for (int i = 0; i < hr.size(); i++) {
                RgbImage small = PilBicubic.resize(hr.get(i), hr.get(i).width() / scale, hr.get(i).height() / scale);
                lr.add(small);
                lr264.add(h264RoundTrip(small, "x" + scale + "-" + i));
            }
            double[] lanczosPsnr = null;
            for (Method method : methods) {
                log(method.label() + " x" + scale);
                method.upscale().apply(lr.get(0));
                Totals t = new Totals();
                for (int i = 0; i < hr.size(); i++) {
                    List<RgbImage> inputs = List.of(lr.get(i), lr264.get(i));
                    for (int v = 0; v < 2; v++) {
                        long start = System.nanoTime();
                        RgbImage out = method.upscale().apply(inputs.get(v));
                        t.seconds()[v] += (System.nanoTime() - start) / 1e9;
                        LumaMetrics.Score s = LumaMetrics.score(hr.get(i), out, scale);
                        t.psnr()[v] += s.psnr();
                        t.ssim()[v] += s.ssim();
                    }
                }
                int n = hr.size();
                double[] psnr = {t.psnr()[0] / n, t.psnr()[1] / n};
                if (lanczosPsnr == null) {
                    lanczosPsnr = psnr;
                }
                md.append(String.format(Locale.ROOT, "| %s | x%d | %.2f | %.4f | %+.2f dB | %.3f | %.2f | %.4f | %+.2f dB | %.3f |%n",
                        method.label(), scale, psnr[0], t.ssim()[0] / n, psnr[0] - lanczosPsnr[0], t.seconds()[0] / n,
                        psnr[1], t.ssim()[1] / n, psnr[1] - lanczosPsnr[1], t.seconds()[1] / n));
            }
        }
        md.append('\n');
    }

    private void throughput(Map<Integer, List<SrModel>> models) throws IOException {
        md.append("Throughput, one frame at a time (batch 1), to 960x540; median of ").append(TIMED_RUNS)
                .append(" runs after two warm-up runs (").append(SLOW_RUNS).append(" for models slower than ")
                .append((int) (SLOW_MILLIS / 1000)).append(" s a frame):\n\n")
                .append("| model | input | frames/s | ms / frame | runs |\n|---|---|---|---|---|\n");
        RgbImage photo = RgbImage.read(SKIMAGE.resolve(IMAGES.get(0))).centreCrop(CROP);
        for (int scale : SCALES) {
            RgbImage input = PilBicubic.resize(photo, 960 / scale, 540 / scale);
            for (SrModel model : models.get(scale)) {
                if (!model.descriptor().name().startsWith("sr-")) {
                    continue;
                }
                log("throughput " + model.descriptor().name());
                try (ImageUpscaler up = ImageUpscaler.builder().setModels(List.of(model)).build()) {
                    Timing t = time(() -> up.upscale(input.rgb(), input.width(), input.height(), 960, 540));
                    md.append(String.format(Locale.ROOT, "| %s | %dx%d (x%d) | %.2f | %.1f | %d |%n",
                            model.descriptor().tag(), input.width(), input.height(), scale, 1000 / t.millis(),
                            t.millis(), t.runs()));
                }
            }
        }
        md.append('\n');
    }

    /**
     * The x2 models on the 480x270 input of the throughput rows; the x4 models on theirs (240x135), which gives the
     * same 960x540 output: a 1920x1080 output from a large model would take minutes on a CPU and say nothing new.
     */
    private void overhead(Map<Integer, List<SrModel>> models) throws IOException, InterruptedException {
        md.append("DJL against Python on the same model file and input, ").append(threads)
                .append(" threads, median forward time after warm-up, same run counts on both sides")
                .append(" (DJL's time includes the conversion to and from tensors):\n\n");
        List<SrModel> candidates = models.values().stream().flatMap(List::stream)
                .filter(m -> m.descriptor().name().startsWith("sr-")).toList();
        if (candidates.isEmpty()) {
            md.append("No bundled sr-* model: nothing to compare.\n\n");
            return;
        }
        md.append("| model | input | runs | DJL ms | Python ms | DJL / Python |\n|---|---|---|---|---|---|\n");
        String pythonVersion = null;
        for (SrModel model : candidates) {
            ModelDescriptor d = model.descriptor();
            int w = d.scale() == 2 ? 480 : 960 / d.scale();
            int h = d.scale() == 2 ? 270 : 540 / d.scale();
            log("overhead " + d.name());
            PlanarImage input = PlanarImage.fromRgb(new byte[3 * w * h], w, h);
            Arrays.fill(input.data(), 0.5f);
            Timing djl;
            try (ImageUpscaler up = ImageUpscaler.builder().setModels(List.of(model)).build()) {
                djl = time(() -> up.upscalePlanar(List.of(input), w * d.scale(), h * d.scale()));
            }
            Path file = repository.resolve(d.name()).file();
            ProcessResult python = run(List.of(PYTHON, pythonScript().toString(), file.toString(),
                    Integer.toString(w), Integer.toString(h), Integer.toString(threads), Integer.toString(djl.runs()),
                    Integer.toString(djl.warmups())));
            String row = String.format(Locale.ROOT, "| %s | %dx%d | %d | %.1f |", d.tag(), w, h, djl.runs(), djl.millis());
            if (python.status() == 3 || python.status() == 127) {
                md.append(row).append(" skipped: ").append(python.output().strip()).append(" | |\n");
                continue;
            }
            if (python.status() != 0 || !python.output().contains("median_ms=")) {
                throw new IllegalStateException("the Python timing failed (" + python.status() + "): " + python.output());
            }
            String line = python.output().strip();
            double py = Double.parseDouble(line.replaceAll("(?s).*median_ms=([0-9.]+).*", "$1"));
            pythonVersion = line.replaceAll("(?s).*torch=(\\S+).*", "$1");
            md.append(row).append(String.format(Locale.ROOT, " %.1f | %.2fx |%n", py, djl.millis() / py));
        }
        if (pythonVersion != null) {
            md.append("\nPython: ").append(PYTHON).append(" with torch ").append(pythonVersion)
                    .append("; DJL runs libtorch ").append(ai.djl.engine.Engine.getEngine("PyTorch").getVersion())
                    .append(", so the ratio also holds the difference between the two libtorch versions.\n");
        }
        md.append('\n');
    }

    private RgbImage upscale(SrModel model, RgbImage lr, int scale) {
        try (ImageUpscaler up = ImageUpscaler.builder().setModels(List.of(model)).build()) {
            return new RgbImage(up.upscale(lr.rgb(), lr.width(), lr.height(), lr.width() * scale,
                    lr.height() * scale), lr.width() * scale, lr.height() * scale);
        }
    }

    /** Through a one-frame lossless RGB segment and {@link FrameFilter}, exactly as the service's lanczos runs. */
    private RgbImage lanczos(RgbImage lr, int width, int height) {
        try {
            Path dir = Files.createTempDirectory(work, "lanczos");
            Path in = dir.resolve("in.mkv");
            Path out = dir.resolve("out.mkv");
            try (RgbSegmentWriter writer = RgbSegmentWriter.open(in, lr.width(), lr.height(), 1, 1)) {
                writer.write(lr.rgb());
            }
            FrameFilter.apply(in, null, 1, 1, FrameFilter.lanczosGraph(width, height), 1, out);
            try (FrameReader reader = FrameReader.open(out)) {
                if (!reader.next()) {
                    throw new IllegalStateException("the Lanczos filter wrote no frame");
                }
                return new RgbImage(reader.rgb(), reader.width(), reader.height());
            } finally {
                Files.deleteIfExists(in);
                Files.deleteIfExists(out);
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private RgbImage h264RoundTrip(RgbImage lr, String tag) throws IOException, InterruptedException {
        Path png = work.resolve("lr-" + tag + ".png");
        Path mp4 = work.resolve("lr-" + tag + ".mp4");
        lr.writePng(png);
        ProcessResult r = run(List.of("ffmpeg", "-nostdin", "-y", "-loglevel", "error", "-i", png.toString(),
                "-c:v", "libx264", "-crf", "23", "-pix_fmt", "yuv420p", mp4.toString()));
        if (r.status() != 0) {
            throw new IllegalStateException("Debian's ffmpeg with libx264 is needed for the H.264 columns"
                    + " (apt-get install -y ffmpeg): " + r.output().strip());
        }
        try (FrameReader reader = FrameReader.open(mp4)) {
            if (!reader.next()) {
                throw new IllegalStateException(mp4 + " has no frame");
            }
            return new RgbImage(reader.rgb(), reader.width(), reader.height());
        }
    }

    private static String ffmpegVersion() {
        try {
            ProcessResult r = run(List.of("ffmpeg", "-hide_banner", "-version"));
            return r.status() == 0 ? r.output().lines().findFirst().orElse("ffmpeg").replaceAll(" Copyright.*", "")
                    : "ffmpeg unavailable";
        } catch (IOException e) {
            return "ffmpeg unavailable";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "ffmpeg unavailable";
        }
    }

    private Path pythonScript() throws IOException {
        Path script = work.resolve("time_torchscript.py");
        try (var in = SuperResolutionBench.class.getResourceAsStream("time_torchscript.py")) {
            if (in == null) {
                throw new IllegalStateException("time_torchscript.py is not on the class path");
            }
            Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return script;
    }

    private record ProcessResult(int status, String output) {
    }

    private static ProcessResult run(List<String> command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new ProcessResult(127, command.get(0) + " cannot be run: " + e.getMessage());
        }
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException(command.get(0) + " did not finish in 10 minutes");
        }
        return new ProcessResult(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** A median and how many runs it took; slow models get fewer runs so the benchmark stays within minutes. */
    private record Timing(double millis, int runs, int warmups) {
    }

    private static Timing time(Runnable work) {
        // Two warm-ups always: libtorch's profiling executor specialises the graph over the first runs, and a model
        // judged on its first (slowest) run would get too few timed runs for a stable median.
        work.run();
        long second = System.nanoTime();
        work.run();
        boolean slow = (System.nanoTime() - second) / 1e6 > SLOW_MILLIS;
        int warmups = 2;
        int runs = slow ? SLOW_RUNS : TIMED_RUNS;
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            work.run();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return new Timing(ms[runs / 2], runs, warmups);
    }

    private static void log(String message) {
        System.err.println("bench sr: " + message);
    }
}
