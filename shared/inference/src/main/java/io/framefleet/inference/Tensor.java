package io.framefleet.inference;

import java.util.Arrays;

/**
 * A tensor in Java memory, row-major: what goes into and comes out of a {@link TorchScriptModule}, so that callers
 * never hold an engine array. Exactly one of {@code floats} (float32) and {@code longs} (int64) is set.
 */
public record Tensor(long[] shape, float[] floats, long[] longs) {

    public Tensor {
        shape = shape.clone();
        long size = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative size in shape " + Arrays.toString(shape));
            }
            size *= d;
        }
        if ((floats == null) == (longs == null)) {
            throw new IllegalArgumentException("a tensor holds either floats or longs");
        }
        int length = floats != null ? floats.length : longs.length;
        if (length != size) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + size + " values, got " + length);
        }
    }

    /** A float32 tensor over {@code data} (not copied). */
    public static Tensor of(float[] data, long... shape) {
        return new Tensor(shape, data, null);
    }

    /** An int64 tensor over {@code data} (not copied). */
    public static Tensor ofLongs(long[] data, long... shape) {
        return new Tensor(shape, null, data);
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Whether the shape is exactly {@code dims}. */
    public boolean hasShape(long... dims) {
        return Arrays.equals(shape, dims);
    }

    @Override
    public String toString() {
        return (floats != null ? "float32" : "int64") + Arrays.toString(shape);
    }
}
