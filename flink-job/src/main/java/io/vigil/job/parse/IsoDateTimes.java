package io.vigil.job.parse;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The time of a JSON record's {@code timestamp} text: what {@code java.time}'s
 * {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} reads, else {@link
 * DateTimeFormatter#ISO_LOCAL_DATE_TIME} read as UTC. Nothing else is accepted.
 *
 * <p>Shippers nearly always write one shape, {@code 2026-12-07T03:08:43.123Z} or with an offset
 * {@code +01:00}. That shape is read here by hand and everything else goes to {@code java.time}.
 * The formatters' optional sections copy the parse state at every branch. On the benchmark's JSON
 * records, {@code OffsetDateTime.parse} took 7 % of the source task's CPU samples (issue 18):
 * about 1 µs a timestamp, against about 0.1 µs read here.
 * The hand reading accepts only text {@code java.time} reads to the same instant; any other text
 * is not read here at all. {@code IsoDateTimesProperties} checks that against {@code java.time}.
 */
public final class IsoDateTimes {
    /** Returned by {@link #canonicalMillis} for text it leaves to {@code java.time}. */
    static final long NOT_CANONICAL = Long.MIN_VALUE;

    private IsoDateTimes() {}

    /**
     * Epoch millis of the text (fractions below a millisecond dropped, as {@code
     * Instant#toEpochMilli} does), or null when neither formatter reads it.
     */
    public static Long epochMillis(String text) {
        long fast = canonicalMillis(text);
        if (fast != NOT_CANONICAL) {
            return fast;
        }
        return javaTimeMillis(text);
    }

    /** The reading by {@code java.time} alone, as before the hand reading (the tests' reference). */
    static Long javaTimeMillis(String text) {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant()
                    .toEpochMilli();
        } catch (DateTimeParseException offsetMissing) {
            try {
                // No offset given: ISO local time, read as UTC.
                return LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                        .toInstant(ZoneOffset.UTC)
                        .toEpochMilli();
            } catch (DateTimeException | ArithmeticException e) {
                return null;
            }
        } catch (DateTimeException | ArithmeticException e) {
            return null;
        }
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss}, then 1 to 9 fraction digits after a dot or none, then {@code Z}
     * or {@code ±HH:MM}, every field in range: its epoch millis. Any other text, even one {@code
     * java.time} reads: {@link #NOT_CANONICAL}.
     */
    static long canonicalMillis(String t) {
        int n = t.length();
        if (n < 20
                || n > 35
                || t.charAt(4) != '-'
                || t.charAt(7) != '-'
                || t.charAt(10) != 'T'
                || t.charAt(13) != ':'
                || t.charAt(16) != ':') {
            return NOT_CANONICAL;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = digits(t, 17, 2);
        if (year < 0
                || month < 1
                || month > 12
                || day < 1
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59) {
            return NOT_CANONICAL;
        }
        if (day > Month.of(month).length(Year.isLeap(year))) {
            return NOT_CANONICAL;
        }
        int at = 19;
        int millis = 0;
        if (t.charAt(at) == '.') {
            int start = ++at;
            while (at < n && at - start < 10 && isDigit(t.charAt(at))) {
                at++;
            }
            int length = at - start;
            if (length < 1 || length > 9) {
                return NOT_CANONICAL;
            }
            for (int i = 0; i < 3; i++) {
                millis = millis * 10 + (i < length ? t.charAt(start + i) - '0' : 0);
            }
        }
        int offsetSeconds;
        if (at == n - 1 && t.charAt(at) == 'Z') {
            offsetSeconds = 0;
        } else if (at == n - 6 && (t.charAt(at) == '+' || t.charAt(at) == '-') && t.charAt(at + 3) == ':') {
            int hours = digits(t, at + 1, 2);
            int minutes = digits(t, at + 4, 2);
            if (hours < 0 || hours > 18 || minutes < 0 || minutes > 59 || hours == 18 && minutes > 0) {
                return NOT_CANONICAL;
            }
            offsetSeconds = (hours * 3600 + minutes * 60) * (t.charAt(at) == '-' ? -1 : 1);
        } else {
            return NOT_CANONICAL;
        }
        long epochSecond = LocalDate.of(year, month, day).toEpochDay() * 86_400L
                + hour * 3600L
                + minute * 60L
                + second
                - offsetSeconds;
        return epochSecond * 1000 + millis;
    }

    /** The value of {@code count} ASCII digits at {@code from}, or -1. */
    private static int digits(String t, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = t.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
