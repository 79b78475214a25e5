package io.framefleet.generation;

/**
 * A clip of any size and length to the scorer's input: {@code frames} frames picked evenly over its length
 * (frame {@code round(i * (n - 1) / (frames - 1))}), each area-averaged to {@code width x height}, as planar
 * {@code [frames, 3, height, width]} floats in [0, 1]. Area averaging weighs every source pixel by the part of it an
 * output pixel covers, so a 4x reduction is an exact 4x4 box mean and no pixel of the source is skipped.
 */
final class VideoResampler {

    private VideoResampler() {
    }

    /** The frame indices picked from a clip of {@code n} frames. */
    static int[] pick(int n, int frames) {
        int[] picked = new int[frames];
        for (int i = 0; i < frames; i++) {
            picked[i] = frames == 1 ? 0 : (int) Math.round((double) i * (n - 1) / (frames - 1));
        }
        return picked;
    }

    static float[] planar(Clip clip, int frames, int width, int height) {
        int plane = width * height;
        float[] out = new float[frames * 3 * plane];
        Weights wx = Weights.of(clip.width(), width);
        Weights wy = Weights.of(clip.height(), height);
        int[] picked = pick(clip.frames(), frames);
        float[] rows = new float[3 * clip.height() * width];
        for (int f = 0; f < frames; f++) {
            byte[] src = clip.rgb()[picked[f]];
            // Horizontal pass into rows[c][sy][x], then vertical into the output planes.
            for (int sy = 0; sy < clip.height(); sy++) {
                for (int x = 0; x < width; x++) {
                    double r = 0;
                    double g = 0;
                    double b = 0;
                    for (int j = wx.start[x]; j < wx.start[x] + wx.weight[x].length; j++) {
                        double w = wx.weight[x][j - wx.start[x]];
                        int p = (sy * clip.width() + j) * 3;
                        r += w * (src[p] & 0xff);
                        g += w * (src[p + 1] & 0xff);
                        b += w * (src[p + 2] & 0xff);
                    }
                    rows[sy * width + x] = (float) r;
                    rows[(clip.height() + sy) * width + x] = (float) g;
                    rows[(2 * clip.height() + sy) * width + x] = (float) b;
                }
            }
            for (int c = 0; c < 3; c++) {
                int base = f * 3 * plane + c * plane;
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        double v = 0;
                        for (int j = wy.start[y]; j < wy.start[y] + wy.weight[y].length; j++) {
                            v += wy.weight[y][j - wy.start[y]] * rows[(c * clip.height() + j) * width + x];
                        }
                        out[base + y * width + x] = (float) (v / 255.0);
                    }
                }
            }
        }
        return out;
    }

    /** For each output index, the first source index it covers and the weights of the covered source pixels. */
    private record Weights(int[] start, double[][] weight) {

        static Weights of(int source, int target) {
            int[] start = new int[target];
            double[][] weight = new double[target][];
            double scale = (double) source / target;
            for (int o = 0; o < target; o++) {
                double lo = o * scale;
                double hi = (o + 1) * scale;
                int first = (int) Math.floor(lo);
                int last = Math.min(source - 1, (int) Math.ceil(hi) - 1);
                start[o] = first;
                weight[o] = new double[last - first + 1];
                for (int s = first; s <= last; s++) {
                    double overlap = Math.min(hi, s + 1) - Math.max(lo, s);
                    weight[o][s - first] = overlap / scale;
                }
            }
            return new Weights(start, weight);
        }
    }
}
