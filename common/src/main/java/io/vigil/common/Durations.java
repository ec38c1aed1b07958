package io.vigil.common;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way Vigil reads a duration, wherever one is written: rule files, {@code anomaly.yml},
 * the channels file, the job's options and the rules CLI. A whole number and a unit, with or
 * without a space: {@code 500ms}, {@code 30s}, {@code 10m}, {@code 2h}, {@code 1d}; the units may
 * also be spelled out ({@code 5 min}, {@code 10 minutes}, {@code 1 day}), as Flink's options
 * allow. A bare number is refused rather than read as milliseconds, as Flink would: in a rule,
 * {@code within: 10} meant as minutes would otherwise silently be ten milliseconds.
 *
 * <p>Before this class, rule files, channels and job options each had a grammar of their own, so
 * files in the same {@code rules/} folder accepted different spellings ({@code 10min} in
 * {@code anomaly.yml}, refused in a rule).
 */
public final class Durations {
    /** At most nine digits: any unit times 999,999,999 still fits a Duration and a long of millis. */
    private static final Pattern FORM = Pattern.compile(
            "(\\d{1,9})\\s*(ms|millis|milliseconds?|s|secs?|seconds?|m|mins?|minutes?|h|hours?|d|days?)");

    private Durations() {}

    /** @throws IllegalArgumentException saying what is wrong and how to write one */
    public static Duration parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a duration (write a whole number and a unit:" + " 500ms, 30s, 10m, 2h, 1d)");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2);
        if (unit.startsWith("ms") || unit.startsWith("milli")) {
            return Duration.ofMillis(n);
        }
        return switch (unit.charAt(0)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /** The shortest exact form, which {@link #parse} reads back: 90s stays 90s, 600s becomes 10m. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000L == 0 && ms > 0) {
            return ms / 86_400_000L + "d";
        }
        if (ms % 3_600_000L == 0 && ms > 0) {
            return ms / 3_600_000L + "h";
        }
        if (ms % 60_000L == 0 && ms > 0) {
            return ms / 60_000L + "m";
        }
        if (ms % 1000L == 0) {
            return ms / 1000L + "s";
        }
        return ms + "ms";
    }
}
