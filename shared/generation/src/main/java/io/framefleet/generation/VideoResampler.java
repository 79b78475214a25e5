package io.framefleet.generation;

/**
 * A clip of any size and length to the scorer's input: {@code frames} frames picked evenly over its length
 * (frame {@code round(i * (n - 1) / (frames - 1))}), each area-averaged to {@code width x height} by
 * {@link AreaResampler}, as planar {@code [frames, 3, height, width]} floats in [0, 1]. Area averaging weighs every
 * source pixel by the part of it an output pixel covers, so a 4x reduction is an exact 4x4 box mean and no pixel of
 * the source is skipped.
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
        int[] picked = pick(clip.frames(), frames);
        for (int f = 0; f < frames; f++) {
            double[] rgb = AreaResampler.toSize(clip, picked[f], width, height);
            int base = f * 3 * plane;
            for (int p = 0; p < plane; p++) {
                for (int c = 0; c < 3; c++) {
                    out[base + c * plane + p] = (float) (rgb[p * 3 + c] / 255.0);
                }
            }
        }
        return out;
    }
}
