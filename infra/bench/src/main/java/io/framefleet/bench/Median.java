package io.framefleet.bench;

import java.util.Arrays;

/** The median the benchmarks report: the middle value, or the mean of the two middle ones; NaN for none. */
public final class Median {

    private Median() {
    }

    public static double of(double... values) {
        double[] s = values.clone();
        Arrays.sort(s);
        if (s.length == 0) {
            return Double.NaN;
        }
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
