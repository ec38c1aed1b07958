package io.vigil.detection.rule;

import java.util.Locale;
import java.util.Optional;

/** What a rule looks at: one event, a value held over time, a count in a window, or ordered steps. */
public enum RuleKind {
    MATCH,
    THRESHOLD,
    COUNT,
    SEQUENCE;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<RuleKind> parse(String text) {
        for (RuleKind kind : values()) {
            if (kind.value().equals(text)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
