package io.vigil.common;

import java.util.Locale;
import java.util.Optional;

/** Life cycle of an alert: open → acknowledged → closed, and back to open when reopened. */
public enum AlertStatus {
    OPEN,
    ACKNOWLEDGED,
    CLOSED;

    /** The stored and API form: lower case. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AlertStatus> parse(String text) {
        for (AlertStatus status : values()) {
            if (status.value().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
