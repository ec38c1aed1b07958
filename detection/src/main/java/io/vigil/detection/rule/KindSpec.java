package io.vigil.detection.rule;

import java.io.Serializable;
import java.time.Duration;

/**
 * What a rule of one kind adds to the fields every rule has: exactly one per rule, so a rule
 * cannot say "count" and carry no window, or carry a threshold it does not use. Adding a kind
 * means a record here and a constant in {@link RuleKind}; the switches over {@link RuleKind} are
 * switch expressions without a default, so the compiler names every place that must handle it.
 */
public sealed interface KindSpec extends Serializable permits MatchSpec, CountSpec, ThresholdSpec, SequenceSpec {
    RuleKind kind();

    /** How much event time one decision of the rule spans; zero for a match. */
    Duration window();
}
