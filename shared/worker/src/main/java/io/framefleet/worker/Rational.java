package io.framefleet.worker;

/** A frame rate such as {@code 30000/1001}, as tasks carry it. */
public record Rational(int num, int den) {

    public Rational {
        if (num <= 0 || den <= 0) {
            throw new IllegalArgumentException("frame rate must be positive: " + num + "/" + den);
        }
    }

    public static Rational parse(String text) {
        try {
            String[] parts = text.split("/");
            return new Rational(Integer.parseInt(parts[0].trim()), parts.length > 1 ? Integer.parseInt(parts[1].trim()) : 1);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a frame rate: '" + text + "'", e);
        }
    }

    public double value() {
        return (double) num / den;
    }

    @Override
    public String toString() {
        return num + "/" + den;
    }
}
