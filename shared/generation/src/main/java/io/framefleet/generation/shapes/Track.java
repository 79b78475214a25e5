package io.framefleet.generation.shapes;

import io.framefleet.generation.shapes.ShapesDomain.Motion;

import java.util.List;

/**
 * The object's centroid path as a straight line at constant velocity (least squares over time in base
 * frames): the mean velocity is the slope, robust to a jittering centroid in a way frame-to-frame
 * steps are not, and the RMS distance from the line says whether it moved like the domain's objects.
 */
record Track(double vx, double vy, double error) {

    static Track fit(List<Integer> frames, double[] cx, double[] cy, double baseFramesPerFrame) {
        int n = frames.size();
        if (n < 2) {
            return new Track(0, 0, 0);
        }
        double mt = 0;
        double mx = 0;
        double my = 0;
        for (int f : frames) {
            mt += f * baseFramesPerFrame;
            mx += cx[f];
            my += cy[f];
        }
        mt /= n;
        mx /= n;
        my /= n;
        double tt = 0;
        double tx = 0;
        double ty = 0;
        for (int f : frames) {
            double t = f * baseFramesPerFrame - mt;
            tt += t * t;
            tx += t * (cx[f] - mx);
            ty += t * (cy[f] - my);
        }
        double vx = tx / tt;
        double vy = ty / tt;
        double sse = 0;
        for (int f : frames) {
            double t = f * baseFramesPerFrame - mt;
            sse += Math.pow(cx[f] - mx - vx * t, 2) + Math.pow(cy[f] - my - vy * t, 2);
        }
        return new Track(vx, vy, Math.sqrt(sse / n));
    }

    double speed() {
        return Math.hypot(vx, vy);
    }

    /** Still, or the dominant axis and its sign; null for a path no straight motion explains. */
    Motion motion(double stillSpeed, double maxError) {
        if (error > maxError) {
            return null;
        }
        if (speed() < stillSpeed) {
            return Motion.STILL;
        }
        if (Math.abs(vx) >= Math.abs(vy)) {
            return vx > 0 ? Motion.RIGHT : Motion.LEFT;
        }
        return vy > 0 ? Motion.DOWN : Motion.UP;
    }
}
