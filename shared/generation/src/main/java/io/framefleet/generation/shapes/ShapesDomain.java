package io.framefleet.generation.shapes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The "shapes" world the bundled text-to-video model draws (docs/generation.md, "The shapes domain"):
 * one coloured shape moving or standing on a plain background, 8 frames of 32x32. Its vocabulary and
 * the combinations held out of all training are fixed here so the benchmark and the evaluator judge
 * generations against the same rules the model was trained on.
 */
public final class ShapesDomain {

    public static final int FRAMES = 8;
    public static final int SIZE = 32;
    public static final int SUPERSAMPLING = 4;
    public static final double MIN_RADIUS = 4.5;
    public static final double MAX_RADIUS = 6.5;
    public static final double MIN_SPEED = 1.2;
    public static final double MAX_SPEED = 2.2;

    public enum Colour {
        RED(230, 30, 30), GREEN(30, 200, 40), BLUE(40, 60, 230), YELLOW(240, 230, 40),
        MAGENTA(230, 40, 220), CYAN(40, 220, 230), WHITE(245, 245, 245), ORANGE(245, 140, 20);

        private final int r;
        private final int g;
        private final int b;

        Colour(int r, int g, int b) {
            this.r = r;
            this.g = g;
            this.b = b;
        }

        public int channel(int c) {
            return c == 0 ? r : c == 1 ? g : b;
        }

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Shape {
        CIRCLE, SQUARE, TRIANGLE, CROSS;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Directions in image coordinates: y grows downwards, so "up" is negative y. */
    public enum Motion {
        LEFT(-1, 0), RIGHT(1, 0), UP(0, -1), DOWN(0, 1), STILL(0, 0);

        public final int dx;
        public final int dy;

        Motion(int dx, int dy) {
            this.dx = dx;
            this.dy = dy;
        }

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Background {
        BLACK(0), GRAY(110);

        public final int level;

        Background(int level) {
            this.level = level;
        }
    }

    /** What a caption asks for. */
    public record Combination(Colour colour, Shape shape, Motion motion) {

        /** "blue circle left": the form the held-out list is written in. */
        public static Combination of(String words) {
            String[] w = words.trim().split("\\s+");
            if (w.length != 3) {
                throw new IllegalArgumentException("expected 'colour shape motion', got '" + words + "'");
            }
            return new Combination(Colour.valueOf(w[0].toUpperCase(Locale.ROOT)),
                    Shape.valueOf(w[1].toUpperCase(Locale.ROOT)), Motion.valueOf(w[2].toUpperCase(Locale.ROOT)));
        }

        /** The training data's canonical caption, e.g. "a red circle moving left", "a red circle staying still". */
        public String caption() {
            return "a " + colour.word() + " " + shape.word() + " "
                    + (motion == Motion.STILL ? "staying still" : "moving " + motion.word());
        }

        public boolean heldOut() {
            return HELD_OUT.contains(this);
        }

        @Override
        public String toString() {
            return colour.word() + " " + shape.word() + " " + motion.word();
        }
    }

    /** Never shown to the base model or the scorer in training: generalisation is measured on these. */
    public static final List<Combination> HELD_OUT = Arrays.stream((
            "blue circle left; green circle left; cyan cross right; magenta cross still; orange cross down; "
                    + "white cross left; yellow cross left; yellow cross still; blue square down; blue square still; "
                    + "blue square up; cyan square down; red square right; white square right; blue triangle up; "
                    + "cyan triangle right; cyan triangle up; green triangle down; green triangle still; "
                    + "magenta triangle down; magenta triangle up; red triangle down; white triangle left; "
                    + "white triangle still").split(";\\s*"))
            .map(Combination::of).toList();

    private static final Set<String> CIRCLE_WORDS = Set.of("circle", "ball", "disc", "disk", "dot");
    private static final Set<String> SQUARE_WORDS = Set.of("square", "box", "block");
    private static final Set<String> TRIANGLE_WORDS = Set.of("triangle");
    private static final Set<String> CROSS_WORDS = Set.of("cross", "plus");
    private static final Set<String> LEFT_WORDS = Set.of("left", "leftward", "leftwards");
    private static final Set<String> RIGHT_WORDS = Set.of("right", "rightward", "rightwards");
    private static final Set<String> UP_WORDS = Set.of("up", "upward", "upwards", "top", "rising", "rises",
            "climbing", "climbs");
    private static final Set<String> DOWN_WORDS = Set.of("down", "downward", "downwards", "bottom", "falling",
            "falls", "sinking", "sinks", "dropping", "drops");
    private static final Set<String> STILL_WORDS = Set.of("still", "resting", "rests", "motionless", "static",
            "stationary");

    private ShapesDomain() {
    }

    /** All 160 combinations, colour-major (the training code's order). */
    public static List<Combination> combinations() {
        List<Combination> all = new ArrayList<>();
        for (Colour c : Colour.values()) {
            for (Shape s : Shape.values()) {
                for (Motion m : Motion.values()) {
                    all.add(new Combination(c, s, m));
                }
            }
        }
        return all;
    }

    /**
     * The combination a caption in the training captions' language asks for ("the green box falls",
     * "a cross in white staying in place on grey"), or empty when it names no colour, shape or motion,
     * or two different ones: such a prompt is outside the domain and has nothing to be checked against.
     */
    public static Optional<Combination> parse(String caption) {
        List<String> words = Arrays.stream(caption.toLowerCase(Locale.ROOT).split("[^a-z]+"))
                .filter(w -> !w.isEmpty()).toList();
        Set<Colour> colours = EnumSet.noneOf(Colour.class);
        Set<Shape> shapes = EnumSet.noneOf(Shape.class);
        Set<Motion> motions = EnumSet.noneOf(Motion.class);
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            String next = i + 1 < words.size() ? words.get(i + 1) : "";
            for (Colour c : Colour.values()) {
                if (c.word().equals(w)) {
                    colours.add(c);
                }
            }
            if (CIRCLE_WORDS.contains(w)) {
                shapes.add(Shape.CIRCLE);
            } else if (SQUARE_WORDS.contains(w)) {
                shapes.add(Shape.SQUARE);
            } else if (TRIANGLE_WORDS.contains(w)) {
                shapes.add(Shape.TRIANGLE);
            } else if (CROSS_WORDS.contains(w)) {
                shapes.add(Shape.CROSS);
            }
            if (LEFT_WORDS.contains(w)) {
                motions.add(Motion.LEFT);
            } else if (RIGHT_WORDS.contains(w)) {
                motions.add(Motion.RIGHT);
            } else if (UP_WORDS.contains(w)) {
                motions.add(Motion.UP);
            } else if (DOWN_WORDS.contains(w)) {
                motions.add(Motion.DOWN);
            } else if (STILL_WORDS.contains(w)
                    || w.equals("in") && next.equals("place")
                    || w.equals("not") && (next.equals("moving") || next.equals("move"))) {
                motions.add(Motion.STILL);
            }
        }
        if (colours.size() != 1 || shapes.size() != 1 || motions.size() != 1) {
            return Optional.empty();
        }
        return Optional.of(new Combination(colours.iterator().next(), shapes.iterator().next(),
                motions.iterator().next()));
    }
}
