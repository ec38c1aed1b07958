package io.vigil.detection.rule;

import java.time.Duration;

/** A match rule: every event its condition holds for is an alert; nothing beyond the condition. */
public record MatchSpec() implements KindSpec {
    public static final MatchSpec INSTANCE = new MatchSpec();

    @Override
    public RuleKind kind() {
        return RuleKind.MATCH;
    }

    @Override
    public Duration window() {
        return Duration.ZERO;
    }
}
