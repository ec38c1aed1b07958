package io.vigil.common;

import java.util.Locale;
import java.util.Optional;

/** Severity of an event or alert, ordered from least to most severe. */
public enum Severity {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL;

    /** Parses a severity name, case-insensitively; empty when the text names none. */
    public static Optional<Severity> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Maps a syslog level (name or RFC 5424 number) onto a severity, as CONTRACT.md says:
     * emerg/alert/crit → CRITICAL, err → HIGH, warning → MEDIUM, anything else LOW.
     */
    public static Severity fromSyslogLevel(String level) {
        if (level == null) {
            return LOW;
        }
        switch (level.trim().toLowerCase(Locale.ROOT)) {
            case "0":
            case "1":
            case "2":
            case "emerg":
            case "emergency":
            case "panic":
            case "alert":
            case "crit":
            case "critical":
                return CRITICAL;
            case "3":
            case "err":
            case "error":
                return HIGH;
            case "4":
            case "warn":
            case "warning":
                return MEDIUM;
            default:
                return LOW;
        }
    }

    public Severity max(Severity other) {
        return other != null && other.compareTo(this) > 0 ? other : this;
    }
}
