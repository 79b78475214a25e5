package io.framefleet.evaluator.quality;

import java.util.Arrays;

/**
 * Mean SSIM of two luma pictures as defined by Wang, Bovik, Sheikh and Simoncelli (2004): an
 * 11×11 circular-symmetric Gaussian window with σ = 1.5, K1 = 0.01, K2 = 0.03, L = 255, and the
 * map averaged over the "valid" positions where the window lies wholly inside the picture (the
 * authors' reference {@code ssim_index.m}; scikit-image's {@code structural_similarity} with
 * {@code gaussian_weights=True, use_sample_covariance=False} gives the same number).
 *
 * <p>The window is separable, so each of the five local moments costs 2 × 11 taps per pixel
 * instead of 121; the loops run along rows so the JIT can vectorise them. Floats are enough: the
 * moments' rounding error is far below C2 (58.5), and identical inputs still give exactly 1.0
 * because both operands take the same arithmetic path.
 */
public final class StructuralSimilarity {

    static final int WINDOW = 11;
    private static final double SIGMA = 1.5;
    private static final float C1 = (float) Math.pow(0.01 * 255, 2);
    private static final float C2 = (float) Math.pow(0.03 * 255, 2);
    private static final float[] WEIGHTS = gaussianWeights();

    private StructuralSimilarity() {
    }

    /** Mean SSIM in [-1, 1]; 1.0 only for identical pictures. */
    public static double mean(LumaFrame reference, LumaFrame test) {
        reference.requireSameSize(test);
        int width = reference.width();
        int height = reference.height();
        if (width < WINDOW || height < WINDOW) {
            throw new IllegalArgumentException(
                    "SSIM needs at least " + WINDOW + "x" + WINDOW + " pixels, got " + width + "x" + height);
        }
        int validWidth = width - WINDOW + 1;
        int validHeight = height - WINDOW + 1;

        // Horizontal pass: per input row, the five local moments filtered along x, valid columns only.
        float[][] rowsX = new float[height][validWidth];
        float[][] rowsY = new float[height][validWidth];
        float[][] rowsXX = new float[height][validWidth];
        float[][] rowsYY = new float[height][validWidth];
        float[][] rowsXY = new float[height][validWidth];
        float[] x = new float[width];
        float[] y = new float[width];
        byte[] a = reference.pixels();
        byte[] b = test.pixels();
        for (int row = 0; row < height; row++) {
            int offset = row * width;
            for (int col = 0; col < width; col++) {
                x[col] = a[offset + col] & 0xFF;
                y[col] = b[offset + col] & 0xFF;
            }
            filterRow(x, y, rowsX[row], rowsY[row], rowsXX[row], rowsYY[row], rowsXY[row]);
        }

        // Vertical pass, one output row at a time, folded straight into the map's sum.
        float[] muX = new float[validWidth];
        float[] muY = new float[validWidth];
        float[] meanXX = new float[validWidth];
        float[] meanYY = new float[validWidth];
        float[] meanXY = new float[validWidth];
        double sum = 0;
        for (int row = 0; row < validHeight; row++) {
            Arrays.fill(muX, 0f);
            Arrays.fill(muY, 0f);
            Arrays.fill(meanXX, 0f);
            Arrays.fill(meanYY, 0f);
            Arrays.fill(meanXY, 0f);
            for (int tap = 0; tap < WINDOW; tap++) {
                float weight = WEIGHTS[tap];
                float[] sourceX = rowsX[row + tap];
                float[] sourceY = rowsY[row + tap];
                float[] sourceXX = rowsXX[row + tap];
                float[] sourceYY = rowsYY[row + tap];
                float[] sourceXY = rowsXY[row + tap];
                for (int col = 0; col < validWidth; col++) {
                    muX[col] += weight * sourceX[col];
                    muY[col] += weight * sourceY[col];
                    meanXX[col] += weight * sourceXX[col];
                    meanYY[col] += weight * sourceYY[col];
                    meanXY[col] += weight * sourceXY[col];
                }
            }
            sum += rowSum(muX, muY, meanXX, meanYY, meanXY);
        }
        return sum / ((double) validWidth * validHeight);
    }

    private static void filterRow(float[] x, float[] y, float[] outX, float[] outY, float[] outXX, float[] outYY,
            float[] outXY) {
        int validWidth = outX.length;
        for (int tap = 0; tap < WINDOW; tap++) {
            float weight = WEIGHTS[tap];
            for (int col = 0; col < validWidth; col++) {
                float xv = x[col + tap];
                float yv = y[col + tap];
                float wx = weight * xv;
                float wy = weight * yv;
                outX[col] += wx;
                outY[col] += wy;
                outXX[col] += wx * xv;
                outYY[col] += wy * yv;
                outXY[col] += wx * yv;
            }
        }
    }

    private static double rowSum(float[] muX, float[] muY, float[] meanXX, float[] meanYY, float[] meanXY) {
        double sum = 0;
        for (int col = 0; col < muX.length; col++) {
            float mx = muX[col];
            float my = muY[col];
            float mxx = mx * mx;
            float myy = my * my;
            float mxy = mx * my;
            float varianceX = meanXX[col] - mxx;
            float varianceY = meanYY[col] - myy;
            float covariance = meanXY[col] - mxy;
            float numerator = (2 * mxy + C1) * (2 * covariance + C2);
            float denominator = (mxx + myy + C1) * (varianceX + varianceY + C2);
            sum += numerator / denominator;
        }
        return sum;
    }

    /** Normalised so the taps sum to 1, as MATLAB's fspecial('gaussian', 11, 1.5) is. */
    private static float[] gaussianWeights() {
        int radius = WINDOW / 2;
        double[] raw = new double[WINDOW];
        double total = 0;
        for (int i = 0; i < WINDOW; i++) {
            int distance = i - radius;
            raw[i] = Math.exp(-(distance * distance) / (2 * SIGMA * SIGMA));
            total += raw[i];
        }
        float[] weights = new float[WINDOW];
        for (int i = 0; i < WINDOW; i++) {
            weights[i] = (float) (raw[i] / total);
        }
        return weights;
    }
}
