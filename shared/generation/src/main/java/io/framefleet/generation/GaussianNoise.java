package io.framefleet.generation;

import java.util.SplittableRandom;

/**
 * The sampler's starting noise, defined so that any language can draw the same numbers: values from
 * {@code SplittableRandom(seed)} in pairs by Box–Muller ({@code u1, u2 = nextDouble(), nextDouble()};
 * {@code ρ = sqrt(-2 ln(1 - u1))}; {@code ρ cos 2πu2}, {@code ρ sin 2πu2}), computed in double and stored as float.
 * {@code 1 - u1} is in (0, 1], so the logarithm is always finite.
 */
final class GaussianNoise {

    private GaussianNoise() {
    }

    /** {@code count} standard normal values from {@code seed}, in order. */
    static float[] draw(long seed, int count) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] out = new float[count];
        for (int i = 0; i < count; i += 2) {
            double u1 = random.nextDouble();
            double u2 = random.nextDouble();
            double rho = Math.sqrt(-2.0 * Math.log(1.0 - u1));
            double angle = 2.0 * Math.PI * u2;
            out[i] = (float) (rho * Math.cos(angle));
            if (i + 1 < count) {
                out[i + 1] = (float) (rho * Math.sin(angle));
            }
        }
        return out;
    }
}
