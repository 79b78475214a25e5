package io.framefleet.generation.shapes;

import io.framefleet.generation.Clip;
import io.framefleet.generation.shapes.ShapesDomain.Combination;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How well {@link ShapesChecker} reads renders whose answer is known: every combination, random
 * geometry on both backgrounds, as 32x32 base clips and as finished-video look-alikes (32 frames,
 * bilinear 4x upscale, light Gaussian noise). The benchmark prints this before it trusts the checker
 * with generated clips.
 */
public final class GroundTruth {

    /** Base clips as rendered, or what the fleet hands back: 32 frames, 128x128, noise of sigma 3. */
    public enum Form {
        BASE, FINAL
    }

    /** Clips read right per attribute, all three, and the misses' verdict for the first few. */
    public record Accuracy(Form form, int clips, int colour, int shape, int motion, int all, List<String> misses,
                           double seconds) {

        public String summary() {
            return String.format("%s: %d clips, colour %.2f%%, shape %.2f%%, motion %.2f%%, all %.2f%% (%.1f ms a clip)",
                    form == Form.BASE ? "32x32, 8 frames" : "128x128, 32 frames, bilinear x4 + noise",
                    clips, 100.0 * colour / clips, 100.0 * shape / clips, 100.0 * motion / clips,
                    100.0 * all / clips, 1000.0 * seconds / clips);
        }
    }

    private GroundTruth() {
    }

    /** {@code perCombination} random scenes of each of the 160 combinations, read back by the checker. */
    public static Accuracy measure(Form form, int perCombination, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        ShapesChecker checker = new ShapesChecker();
        List<Combination> all = ShapesDomain.combinations();
        int clips = 0;
        int colour = 0;
        int shape = 0;
        int motion = 0;
        int both = 0;
        List<String> misses = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int k = 0; k < perCombination; k++) {
            for (Combination c : all) {
                Scene scene = Scene.random(c, rng);
                Clip clip = form == Form.BASE ? ShapeRenderer.render(scene) : finalLike(scene, rng);
                ShapesChecker.Verdict v = checker.check(clip);
                clips++;
                colour += v.colourMatches(c) ? 1 : 0;
                shape += v.shapeMatches(c) ? 1 : 0;
                motion += v.motionMatches(c) ? 1 : 0;
                if (v.matches(c)) {
                    both++;
                } else if (misses.size() < 10) {
                    misses.add(String.format("%s (r %.2f, speed %.2f, %s) read as %s, iou %.3f, speed %.2f",
                            c, scene.radius(), scene.speed(), scene.background(), v.describe(), v.shapeIou(),
                            v.speed()));
                }
            }
        }
        return new Accuracy(form, clips, colour, shape, motion, both, List.copyOf(misses),
                (System.nanoTime() - t0) / 1e9);
    }

    /** The scene as the finished video of a perfect cascade shows it, plus light sensor-like noise. */
    public static Clip finalLike(Scene scene, SplittableRandom rng) {
        Clip clip = ShapeRenderer.render(scene, 4 * ShapesDomain.FRAMES);
        return noisy(upscaleBilinear(clip, 4), 3.0, rng);
    }

    /** Bilinear upscale by an integer factor, pixel centres aligned (as FFmpeg's and PIL's bilinear). */
    public static Clip upscaleBilinear(Clip clip, int factor) {
        int w = clip.width();
        int h = clip.height();
        int ow = w * factor;
        int oh = h * factor;
        int[] x0 = new int[ow];
        int[] x1 = new int[ow];
        double[] fx = new double[ow];
        for (int x = 0; x < ow; x++) {
            double sx = Math.max(0, Math.min(w - 1, (x + 0.5) / factor - 0.5));
            x0[x] = (int) Math.floor(sx);
            x1[x] = Math.min(w - 1, x0[x] + 1);
            fx[x] = sx - x0[x];
        }
        byte[][] out = new byte[clip.frames()][];
        for (int f = 0; f < clip.frames(); f++) {
            byte[] src = clip.rgb()[f];
            byte[] dst = new byte[ow * oh * 3];
            for (int y = 0; y < oh; y++) {
                double sy = Math.max(0, Math.min(h - 1, (y + 0.5) / factor - 0.5));
                int r0 = (int) Math.floor(sy) * w * 3;
                int r1 = Math.min(h - 1, (int) Math.floor(sy) + 1) * w * 3;
                double fy = sy - Math.floor(sy);
                for (int x = 0; x < ow; x++) {
                    int a = x0[x] * 3;
                    int b = x1[x] * 3;
                    double gx = fx[x];
                    for (int c = 0; c < 3; c++) {
                        double top = (1 - gx) * (src[r0 + a + c] & 0xff) + gx * (src[r0 + b + c] & 0xff);
                        double bottom = (1 - gx) * (src[r1 + a + c] & 0xff) + gx * (src[r1 + b + c] & 0xff);
                        dst[(y * ow + x) * 3 + c] = (byte) (int) Math.round((1 - fy) * top + fy * bottom);
                    }
                }
            }
            out[f] = dst;
        }
        return new Clip(ow, oh, out);
    }

    /**
     * Independent noise of standard deviation {@code sigma} on every channel, clipped to 0..255: the sum
     * of three 21-bit uniforms from one random long, near enough to Gaussian for this and far cheaper.
     */
    public static Clip noisy(Clip clip, double sigma, SplittableRandom rng) {
        byte[][] out = new byte[clip.frames()][];
        for (int f = 0; f < clip.frames(); f++) {
            byte[] src = clip.rgb()[f];
            byte[] dst = new byte[src.length];
            for (int i = 0; i < src.length; i++) {
                long bits = rng.nextLong();
                double sum = (bits & 0x1fffff) + (bits >>> 21 & 0x1fffff) + (bits >>> 42 & 0x1fffff);
                double g = 2 * (sum / 0x200000 - 1.5);
                dst[i] = (byte) (int) Math.max(0, Math.min(255, Math.round((src[i] & 0xff) + sigma * g)));
            }
            out[f] = dst;
        }
        return new Clip(clip.width(), clip.height(), out);
    }
}
