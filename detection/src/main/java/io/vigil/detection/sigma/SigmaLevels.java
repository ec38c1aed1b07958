package io.vigil.detection.sigma;

import io.vigil.common.Severity;
import java.util.Locale;
import java.util.Optional;

/**
 * Sigma {@code level} to Vigil severity: informational and low are LOW (Vigil has no level
 * below LOW, and an informational rule still deserves an alert someone can filter), medium,
 * high and critical map to their namesakes.
 */
final class SigmaLevels {
    private SigmaLevels() {}

    static Optional<Severity> severity(String level) {
        switch (level.toLowerCase(Locale.ROOT)) {
            case "informational":
            case "low":
                return Optional.of(Severity.LOW);
            case "medium":
                return Optional.of(Severity.MEDIUM);
            case "high":
                return Optional.of(Severity.HIGH);
            case "critical":
                return Optional.of(Severity.CRITICAL);
            default:
                return Optional.empty();
        }
    }
}
