package io.vigil.detection.rule;

import java.io.Serializable;

/**
 * How often a sequence step must occur: {@code times: 3} (min = max = 3), {@code times: 2..4},
 * {@code times: 5..} (max unbounded, -1), and {@code optional: true}.
 */
public record Quantifier(int min, int max, boolean optional) implements Serializable {
    public static final int UNBOUNDED = -1;
    public static final Quantifier ONCE = new Quantifier(1, 1, false);

    public boolean once() {
        return min == 1 && max == 1;
    }

    public boolean unbounded() {
        return max == UNBOUNDED;
    }

    @Override
    public String toString() {
        String times = once() ? "" : unbounded() ? min + ".." : min == max ? String.valueOf(min) : min + ".." + max;
        return times + (optional ? (times.isEmpty() ? "optional" : " optional") : "");
    }
}
