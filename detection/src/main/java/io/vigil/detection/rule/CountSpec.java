package io.vigil.detection.rule;

import io.vigil.detection.condition.Condition;
import java.time.Duration;
import java.util.List;

/**
 * A count rule's window and what it counts: matching events (Sigma's {@code event_count}),
 * distinct values of {@code distinctField} ({@code value_count}), or, when {@code parts} is set,
 * how many of those conditions were met ({@code temporal}: every referenced rule, any order).
 *
 * <p>{@code min}..{@code max} is the inclusive range the amount must be in. With no upper bound
 * ({@link #UNBOUNDED}) the rule fires the moment the amount reaches {@code min}, inside any
 * sliding window. With one ({@code lt}, {@code lte}, {@code eq}) nothing can be decided while
 * more events may still come, so the amount is judged when a fixed window closes: windows start
 * at a group's first matching event (after the previous window) and last {@code within}.
 *
 * @param parts the conditions whose distinct matches are counted, or null
 */
public record CountSpec(Duration within, int min, int max, String distinctField, List<Condition> parts)
        implements KindSpec {
    @Override
    public RuleKind kind() {
        return RuleKind.COUNT;
    }

    @Override
    public Duration window() {
        return within;
    }

    public static final int UNBOUNDED = Integer.MAX_VALUE;
    /** Parts are tracked as bits of an int. */
    public static final int MAX_PARTS = 31;

    /** At least {@code min}, decided as soon as it is reached. */
    public CountSpec(Duration within, int min, String distinctField) {
        this(within, min, UNBOUNDED, distinctField, null);
    }

    public boolean countsDistinct() {
        return distinctField != null;
    }

    public boolean countsParts() {
        return parts != null;
    }

    /** Whether the amount can only be judged once the window has closed. */
    public boolean decidedAtWindowEnd() {
        return max != UNBOUNDED;
    }

    /** Whether a finished window's amount meets the condition. */
    public boolean accepts(long amount) {
        return amount >= min && amount <= max;
    }
}
