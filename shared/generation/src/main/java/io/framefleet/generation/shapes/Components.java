package io.framefleet.generation.shapes;

/** 8-connected components of the pixels above a threshold in one frame, and the two largest. */
final class Components {

    private final int[] labels;
    private final int largest;
    private final int largestArea;
    private final int secondArea;

    private Components(int[] labels, int largest, int largestArea, int secondArea) {
        this.labels = labels;
        this.largest = largest;
        this.largestArea = largestArea;
        this.secondArea = secondArea;
    }

    static Components of(double[] values, double threshold, int width, int height) {
        int[] labels = new int[width * height];
        int[] stack = new int[width * height];
        int next = 0;
        int largest = 0;
        int largestArea = 0;
        int secondArea = 0;
        for (int start = 0; start < labels.length; start++) {
            if (labels[start] != 0 || !(values[start] > threshold)) {
                continue;
            }
            int label = ++next;
            int area = 0;
            int top = 0;
            stack[top++] = start;
            labels[start] = label;
            while (top > 0) {
                int p = stack[--top];
                area++;
                int x = p % width;
                int y = p / width;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int xx = x + dx;
                        int yy = y + dy;
                        if (xx < 0 || yy < 0 || xx >= width || yy >= height) {
                            continue;
                        }
                        int q = yy * width + xx;
                        if (labels[q] == 0 && values[q] > threshold) {
                            labels[q] = label;
                            stack[top++] = q;
                        }
                    }
                }
            }
            if (area > largestArea) {
                secondArea = largestArea;
                largestArea = area;
                largest = label;
            } else if (area > secondArea) {
                secondArea = area;
            }
        }
        return new Components(labels, largest, largestArea, secondArea);
    }

    int largest() {
        return largest;
    }

    int largestArea() {
        return largestArea;
    }

    int secondArea() {
        return secondArea;
    }

    boolean[] mask(int label) {
        boolean[] m = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            m[i] = labels[i] == label && label != 0;
        }
        return m;
    }
}
