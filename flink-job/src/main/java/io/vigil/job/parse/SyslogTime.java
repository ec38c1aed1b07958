package io.vigil.job.parse;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * Reads the timestamps of syslog headers, by hand so that no text can make it throw and every
 * number is bounded ASCII digits (an overlong or non-ASCII number is simply not a time):
 *
 * <ul>
 *   <li>BSD (RFC 3164): {@code Nov  6 09:01:02}, with the variants real senders use: fractional
 *       seconds ({@code .123456} or {@code ,123}), a year after the day ({@code Oct 10 2019
 *       10:21:36}, Cisco ASA), a weekday before and a year after ({@code Thu Nov 12 13:20:06 2020},
 *       OpenWrt logread), Cisco IOS's {@code *} / {@code .} clock markers and {@code UTC:}
 *       zone, a colon after the time ({@code 12:09:35.367:});</li>
 *   <li>ISO 8601 / RFC 3339 ({@code 2024-01-12T10:00:00.123456+01:00}, rsyslog, syslog-ng,
 *       RFC 5424): {@code T} or a space, optional seconds and fraction (dot or comma), offset
 *       {@code Z}, {@code +01:00}, {@code +0100} or {@code +01}, or none.</li>
 * </ul>
 *
 * A time without a zone is in the configured zone; a BSD time without a year gets the year that
 * puts it not after the moment Kafka received the line (a December line read in January belongs
 * to last year). A second of 60 (a leap second) is read as 59.
 */
final class SyslogTime {
    /** Clock skew tolerated between the sender and Kafka before a line is moved a year back. */
    static final long FUTURE_TOLERANCE_MILLIS = 24L * 3600 * 1000;

    private static final String[] MONTHS = {
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"
    };
    private static final String[] WEEKDAYS = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

    /** Zone abbreviations Cisco IOS prints after the time ("show-timezone"). */
    private static final java.util.Set<String> ZONE_WORDS = java.util.Set.of(
            "UTC", "GMT", "Z", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "AKST", "AKDT", "HST", "CET",
            "CEST", "EET", "EEST", "WET", "WEST", "BST", "IST", "JST", "KST", "AEST", "AEDT", "ACST", "AWST", "NZST",
            "NZDT", "SGT", "HKT", "MSK", "BRT");

    private final ZoneId zone;

    SyslogTime(ZoneId zone) {
        this.zone = zone;
    }

    /**
     * The time at the cursor as epoch millis (the cursor then after it), or null with the cursor
     * unchanged when no time starts there.
     */
    Long read(TextCursor c, long receivedAt) {
        int start = c.at;
        Long time = TextCursor.isDigit(c.peek()) ? iso(c) : bsd(c, receivedAt);
        if (time == null) {
            c.at = start;
        }
        return time;
    }

    /** ISO 8601 date and time, ending at a space or the end of the text. */
    Long iso(TextCursor c) {
        int year = c.digits(4, 4);
        if (year < 0 || !c.skip('-')) {
            return null;
        }
        int month = c.digits(2, 2);
        if (month < 0 || !c.skip('-')) {
            return null;
        }
        int day = c.digits(2, 2);
        if (day < 0 || !(c.skip('T') || c.skip('t') || c.skip(' '))) {
            return null;
        }
        int hour = c.digits(2, 2);
        if (hour < 0 || !c.skip(':')) {
            return null;
        }
        int minute = c.digits(2, 2);
        int second = 0;
        int nanos = 0;
        if (minute < 0) {
            return null;
        }
        if (c.skip(':')) {
            second = c.digits(2, 2);
            if (second < 0) {
                return null;
            }
            nanos = fraction(c);
            if (nanos < 0) {
                return null;
            }
        }
        ZoneId at = zone;
        if (c.skip('Z') || c.skip('z')) {
            at = ZoneOffset.UTC;
        } else if (c.peek() == '+' || c.peek() == '-') {
            at = offset(c);
            if (at == null) {
                return null;
            }
        }
        if (!c.atEnd() && c.peek() != ' ') {
            return null;
        }
        return millis(year, month, day, hour, minute, second, nanos, at);
    }

    /** {@code +hh:mm}, {@code +hhmm} or {@code +hh}; null when malformed. */
    private static ZoneOffset offset(TextCursor c) {
        int sign = c.peek() == '-' ? -1 : 1;
        c.at++;
        int hours = c.fixed(2);
        if (hours < 0) {
            return null;
        }
        int minutes = 0;
        if (c.skip(':') || TextCursor.isDigit(c.peek())) {
            minutes = c.digits(2, 2);
        }
        if (minutes < 0 || hours > 18 || minutes > 59) {
            return null;
        }
        return ZoneOffset.ofTotalSeconds(sign * (hours * 3600 + minutes * 60));
    }

    /** {@code .123} or {@code ,123} (1 to 9 digits) as nanoseconds; 0 when absent, -1 when malformed. */
    private static int fraction(TextCursor c) {
        if (c.peek() != '.' && c.peek() != ',' || !TextCursor.isDigit(c.peek(1))) {
            return 0;
        }
        c.at++;
        int start = c.at;
        int value = c.digits(1, 9);
        if (value < 0) {
            return -1;
        }
        for (int n = c.at - start; n < 9; n++) {
            value *= 10;
        }
        return value;
    }

    private Long bsd(TextCursor c, long receivedAt) {
        boolean weekday = false;
        if (word(c, WEEKDAYS) >= 0) {
            if (!c.skip(' ')) {
                return null;
            }
            weekday = true;
        }
        if (c.peek() == '*' || c.peek() == '.') {
            c.at++; // Cisco IOS: the clock is not (or no longer) synchronised; the time is still its own
        }
        int month = word(c, MONTHS) + 1;
        if (month < 1 || c.skipSpaces() == 0) {
            return null;
        }
        int day = c.digits(1, 2);
        if (day < 0 || !c.skip(' ')) {
            return null;
        }
        int year = -1;
        int mark = c.at;
        int maybeYear = c.digits(4, 4);
        if (maybeYear >= 0 && c.skip(' ')) {
            year = maybeYear;
        } else {
            c.at = mark;
        }
        int hour = c.digits(1, 2);
        if (hour < 0 || !c.skip(':')) {
            return null;
        }
        int minute = c.digits(2, 2);
        if (minute < 0 || !c.skip(':')) {
            return null;
        }
        int second = c.digits(2, 2);
        if (second < 0) {
            return null;
        }
        int nanos = fraction(c);
        if (nanos < 0 || TextCursor.isDigit(c.peek())) {
            return null;
        }
        if (weekday && year < 0 && c.peek() == ' ') {
            mark = c.at;
            c.at++;
            year = c.digits(4, 4);
            if (year < 0 || !(c.atEnd() || c.peek() == ' ')) {
                year = -1;
                c.at = mark;
            }
        }
        ZoneId at = zone;
        if (c.peek() == ' ' && TextCursor.isLetter(c.peek(1))) {
            // Cisco IOS: "12:09:35.367 UTC: %SYS-...". Only a known zone word followed by a colon,
            // so that neither a host nor a tag ("su:") is taken for one; abbreviations other than
            // UTC/GMT are ambiguous (IST, CST), so the configured zone stays.
            int end = c.at + 1;
            while (end < c.text.length() && end - c.at <= 6 && TextCursor.isLetter(c.text.charAt(end))) {
                end++;
            }
            String word = c.text.substring(c.at + 1, end);
            if (end < c.text.length() && c.text.charAt(end) == ':' && ZONE_WORDS.contains(word)) {
                if (word.equals("UTC") || word.equals("GMT") || word.equals("Z")) {
                    at = ZoneOffset.UTC;
                }
                c.at = end;
            }
        }
        if (c.peek() == ':' && (c.peek(1) == ' ' || c.peek(1) == '\0')) {
            c.at++; // Cisco: "Mar 24 12:09:35.367: %OSPF-..."
        }
        if (!c.atEnd() && c.peek() != ' ') {
            return null;
        }
        if (year >= 0) {
            return millis(year, month, day, hour, minute, second, nanos, at);
        }
        return inferYear(month, day, hour, minute, second, nanos, at, receivedAt);
    }

    /** The index of the three-letter word (any case) at the cursor in {@code words}, or -1. */
    private static int word(TextCursor c, String[] words) {
        if (!TextCursor.isLetter(c.peek()) || !TextCursor.isLetter(c.peek(1)) || !TextCursor.isLetter(c.peek(2))) {
            return -1;
        }
        String three = c.text.substring(c.at, c.at + 3);
        for (int i = 0; i < words.length; i++) {
            if (words[i].equalsIgnoreCase(three)) {
                c.at += 3;
                return i;
            }
        }
        return -1;
    }

    private Long inferYear(
            int month, int day, int hour, int minute, int second, int nanos, ZoneId at, long receivedAt) {
        int year;
        try {
            year = ZonedDateTime.ofInstant(Instant.ofEpochMilli(receivedAt), zone)
                    .getYear();
        } catch (DateTimeException e) {
            return null;
        }
        Long candidate = millis(year, month, day, hour, minute, second, nanos, at);
        if (candidate == null || candidate > receivedAt + FUTURE_TOLERANCE_MILLIS) {
            // a December line read in January, or Feb 29 outside a leap year: the year before
            candidate = millis(year - 1, month, day, hour, minute, second, nanos, at);
        }
        if (candidate == null) {
            // Feb 29 two years back at most would still be wrong: look for the last leap year
            for (int back = 2; back <= 4 && candidate == null; back++) {
                candidate = millis(year - back, month, day, hour, minute, second, nanos, at);
            }
        }
        return candidate;
    }

    /** Epoch millis of the fields (month 1-12), or null when they make no date (Feb 30, hour 25). */
    private static Long millis(int year, int month, int day, int hour, int minute, int second, int nanos, ZoneId at) {
        try {
            return LocalDateTime.of(year, month, day, hour, minute, Math.min(second, 59), nanos)
                    .atZone(at)
                    .toInstant()
                    .toEpochMilli();
        } catch (DateTimeException | ArithmeticException e) {
            return null; // also a year so far off (from a Kafka time near Long.MAX_VALUE) that millis overflow
        }
    }
}
