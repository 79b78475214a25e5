package io.framefleet.generation.shapes;

import io.framefleet.generation.shapes.ShapesDomain.Background;
import io.framefleet.generation.shapes.ShapesDomain.Combination;

import java.util.SplittableRandom;

/**
 * One clip of the shapes domain in full: what it shows and where. The object's centre is at
 * ({@code x0}, {@code y0}) in frame 0 (pixel units, pixel x covering [x, x + 1)) and moves
 * {@code speed} pixels a frame in the combination's direction.
 */
public record Scene(Combination what, double speed, double radius, double x0, double y0, Background background) {

    public Scene {
        if (radius <= 0 || speed < 0) {
            throw new IllegalArgumentException("radius must be positive and speed not negative");
        }
    }

    /**
     * A random scene the way the training data draws one: radius and speed uniform in the domain's
     * ranges, either background, and a start that keeps the whole object inside every frame (every
     * shape fits in the circle of its radius).
     */
    public static Scene random(Combination what, SplittableRandom rng) {
        double radius = ShapesDomain.MIN_RADIUS + (ShapesDomain.MAX_RADIUS - ShapesDomain.MIN_RADIUS) * rng.nextDouble();
        double speed = ShapesDomain.MIN_SPEED + (ShapesDomain.MAX_SPEED - ShapesDomain.MIN_SPEED) * rng.nextDouble();
        Background background = rng.nextBoolean() ? Background.GRAY : Background.BLACK;
        double travel = speed * (ShapesDomain.FRAMES - 1);
        int dx = what.motion().dx;
        int dy = what.motion().dy;
        double loX = radius + Math.max(-dx, 0) * travel;
        double hiX = ShapesDomain.SIZE - radius - Math.max(dx, 0) * travel;
        double loY = radius + Math.max(-dy, 0) * travel;
        double hiY = ShapesDomain.SIZE - radius - Math.max(dy, 0) * travel;
        double x0 = loX + (hiX - loX) * rng.nextDouble();
        double y0 = loY + (hiY - loY) * rng.nextDouble();
        return new Scene(what, what.motion() == ShapesDomain.Motion.STILL ? 0 : speed, radius, x0, y0, background);
    }

    /** The centre's x at time {@code t}, in base frames. */
    public double x(double t) {
        return x0 + what.motion().dx * speed * t;
    }

    public double y(double t) {
        return y0 + what.motion().dy * speed * t;
    }
}
