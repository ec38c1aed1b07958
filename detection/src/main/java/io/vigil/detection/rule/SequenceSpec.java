package io.vigil.detection.rule;

import java.time.Duration;
import java.util.List;

/** Ordered steps that must all happen, in order, within {@code within} of the first one. */
public record SequenceSpec(Duration within, List<Step> steps) implements KindSpec {
    @Override
    public RuleKind kind() {
        return RuleKind.SEQUENCE;
    }

    @Override
    public Duration window() {
        return within;
    }
}
