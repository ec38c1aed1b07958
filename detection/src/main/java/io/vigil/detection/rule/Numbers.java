package io.vigil.detection.rule;

/** Numbers as alert texts show them. */
public final class Numbers {
    private Numbers() {}

    /** 90.0 as "90", 93.5 as "93.5": a threshold written as 90 reads back as 90. */
    public static String plain(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? String.valueOf((long) value)
                : String.valueOf(value);
    }
}
