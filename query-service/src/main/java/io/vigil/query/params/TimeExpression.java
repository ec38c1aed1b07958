package io.vigil.query.params;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A point in time as the API accepts it: ISO-8601 ({@code 2026-11-26T10:00:00Z}, with an offset,
 * without one meaning UTC, or a bare date meaning its UTC midnight) or relative to now in
 * Elasticsearch's date-math style ({@code now}, {@code now-15m}, {@code now-1d+2h}, units s m h d w).
 *
 * <p>Resolved here to an instant, not passed to Elasticsearch as text: the same "now" then holds
 * for every part of one request, a bad value is our 400 instead of Elasticsearch's, and the
 * summary can pick its bucket size from the real range.
 */
public final class TimeExpression {
    private static final Pattern NOW = Pattern.compile("now((?:[+-]\\d{1,9}[smhdw])*)");
    private static final Pattern STEP = Pattern.compile("([+-])(\\d{1,9})([smhdw])");
    /** Outside this range Elasticsearch's date fields or our arithmetic would misbehave. */
    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");

    private static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

    private TimeExpression() {}

    /** The instant, or null when {@code text} is null. */
    public static Instant parse(String name, String text, Instant now) {
        if (text == null) {
            return null;
        }
        String value = text.trim();
        Instant instant = value.length() <= 64 ? parseOrNull(value, now) : null;
        if (instant == null) {
            throw new BadParameterException(
                    name,
                    "must be an ISO-8601 time (2026-11-26T10:00:00Z) or relative "
                            + "to now (now-15m, now-2h, now-7d); got '" + Params.printable(text) + "'");
        }
        if (instant.isBefore(EARLIEST) || !instant.isBefore(LATEST)) {
            throw new BadParameterException(name, "must lie between 1970 and 2200");
        }
        return instant;
    }

    private static Instant parseOrNull(String value, Instant now) {
        Matcher relative = NOW.matcher(value);
        if (relative.matches()) {
            Instant at = now;
            Matcher step = STEP.matcher(relative.group(1));
            while (step.find()) {
                long amount = Long.parseLong(step.group(2));
                Duration d = unit(step.group(3)).getDuration().multipliedBy(amount);
                at = step.group(1).equals("+") ? plus(at, d) : plus(at, d.negated());
                if (at == null) {
                    return null;
                }
            }
            return at;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeException e) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            // try the next form
        }
        try {
            return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static Instant plus(Instant at, Duration d) {
        try {
            return at.plus(d);
        } catch (DateTimeException | ArithmeticException e) {
            return null;
        }
    }

    private static ChronoUnit unit(String letter) {
        return switch (letter) {
            case "s" -> ChronoUnit.SECONDS;
            case "m" -> ChronoUnit.MINUTES;
            case "h" -> ChronoUnit.HOURS;
            case "d" -> ChronoUnit.DAYS;
            default -> ChronoUnit.WEEKS;
        };
    }
}
