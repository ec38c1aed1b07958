package io.vigil.detection.condition;

import io.vigil.common.LogEvent;
import java.io.Serializable;
import java.util.List;

/**
 * A compiled boolean test on one event: a selection, a field match, or and / or / not of
 * others. Serializable because compiled rules travel inside Flink operators.
 */
@FunctionalInterface
public interface Condition extends Serializable {
    boolean test(LogEvent event);

    /** Matches every event: the scope of a rule that names no selection. */
    Condition ALWAYS = event -> true;

    /** Matches no event: the condition of a dormant rule (its events never reach Vigil). */
    Condition NEVER = event -> false;

    static Condition and(List<Condition> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        Condition[] all = parts.toArray(new Condition[0]);
        return event -> {
            for (Condition c : all) {
                if (!c.test(event)) {
                    return false;
                }
            }
            return true;
        };
    }

    static Condition or(List<Condition> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        Condition[] any = parts.toArray(new Condition[0]);
        return event -> {
            for (Condition c : any) {
                if (c.test(event)) {
                    return true;
                }
            }
            return false;
        };
    }

    /** At least {@code n} of the parts hold ({@code 1 of sel*} is n = 1, {@code all of} n = size). */
    static Condition atLeast(int n, List<Condition> parts) {
        if (n == 1) {
            return or(parts);
        }
        if (n == parts.size()) {
            return and(parts);
        }
        Condition[] all = parts.toArray(new Condition[0]);
        return event -> {
            int hits = 0;
            for (Condition c : all) {
                if (c.test(event) && ++hits >= n) {
                    return true;
                }
            }
            return false;
        };
    }

    static Condition not(Condition inner) {
        return event -> !inner.test(event);
    }
}
