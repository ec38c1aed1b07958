package io.vigil.detection.rule;

import io.vigil.detection.condition.Comparison;
import java.time.Duration;

/**
 * A numeric condition held over consecutive samples of one group: {@code field comparison
 * value} for at least {@code samples} samples in a row and at least {@code holdFor} from the
 * first to the last of them (either may be 1 / zero). A silence longer than {@code maxGap}
 * between two samples breaks the run, as does a sample that does not satisfy it.
 */
public record ThresholdSpec(
        String field, Comparison comparison, double value, int samples, Duration holdFor, Duration maxGap)
        implements KindSpec {
    @Override
    public RuleKind kind() {
        return RuleKind.THRESHOLD;
    }

    /** The longer of the hold and the gap: how far back a decision can reach. */
    @Override
    public Duration window() {
        return holdFor.compareTo(maxGap) > 0 ? holdFor : maxGap;
    }

    public boolean holds(double actual) {
        return comparison.holds(actual, value);
    }

    public String describe() {
        return field + " " + comparison.symbol() + " " + Numbers.plain(value);
    }
}
