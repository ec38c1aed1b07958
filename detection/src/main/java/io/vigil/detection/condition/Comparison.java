package io.vigil.detection.condition;

import java.util.Locale;
import java.util.Optional;

/** The numeric modifiers {@code gt}, {@code gte}, {@code lt}, {@code lte}; threshold rules use them too. */
public enum Comparison {
    GT(">"),
    GTE(">="),
    LT("<"),
    LTE("<=");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** The modifier name as written in rules: gt, gte, lt, lte. */
    public String modifier() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean holds(double actual, double bound) {
        switch (this) {
            case GT:
                return actual > bound;
            case GTE:
                return actual >= bound;
            case LT:
                return actual < bound;
            default:
                return actual <= bound;
        }
    }

    public static Optional<Comparison> fromModifier(String modifier) {
        for (Comparison c : values()) {
            if (c.modifier().equals(modifier)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
