package io.vigil.job.parse;

import io.krakens.grok.api.Grok;
import io.krakens.grok.api.GrokCompiler;
import io.krakens.grok.api.Match;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the header of RFC 5424 and RFC 3164 syslog lines (formats in syslog-headers.yml).
 * RFC 3164 carries neither year nor zone: the zone is configured (UTC by default) and the year
 * is inferred so that the time is never after the moment Kafka received the line — a December
 * line read in January belongs to last year.
 */
public final class SyslogParser {
    /** Clock skew tolerated between the sender and Kafka before a line is moved a year back. */
    static final long FUTURE_TOLERANCE_MILLIS = 24L * 3600 * 1000;

    private static final Map<String, Month> MONTHS = new HashMap<>();

    static {
        for (Month month : Month.values()) {
            MONTHS.put(month.getDisplayName(TextStyle.SHORT, Locale.ROOT).toLowerCase(Locale.ROOT), month);
        }
    }

    private final List<Format> formats = new ArrayList<>();
    private final ZoneId zone;

    private record Format(String name, Grok grok) {
    }

    public SyslogParser(ZoneId zone) {
        this.zone = zone;
        Map<String, Object> table = GrokPatterns.load("syslog-headers.yml");
        GrokCompiler compiler = GrokPatterns.compiler(GrokPatterns.cast(table.get("patterns")));
        for (Map<String, Object> format : GrokPatterns.list(table.get("formats"))) {
            String name = (String) format.get("name");
            formats.add(new Format(name, GrokPatterns.compile(compiler, (String) format.get("grok"), "syslog-headers.yml " + name)));
        }
    }

    /** The parsed header, or null when the line is not syslog. */
    public SyslogLine parse(String line, long receivedAt) {
        char first = line.isEmpty() ? ' ' : line.charAt(0);
        if (first != '<' && !Character.isLetterOrDigit(first)) {
            return null;
        }
        for (Format format : formats) {
            Match match = format.grok.match(line);
            if (match.isNull()) {
                continue;
            }
            Map<String, Object> c = match.capture();
            Long time = timestamp(c, receivedAt);
            if (time == null) {
                continue; // e.g. "Foo 99 ..." looked like a header but is not a date
            }
            String pri = text(c, "pri");
            int severity = pri == null ? -1 : Integer.parseInt(pri) & 7;
            String pid = text(c, "pid");
            Long pidValue = pid != null && pid.chars().allMatch(Character::isDigit) && pid.length() < 19
                    ? Long.valueOf(pid) : null;
            String msg = text(c, "msg");
            return new SyslogLine(format.name, severity, time, text(c, "host"), text(c, "prog"), pidValue,
                    msg == null ? "" : msg);
        }
        return null;
    }

    private Long timestamp(Map<String, Object> c, long receivedAt) {
        String iso = text(c, "ts");
        if (iso != null) {
            return parseIso(iso);
        }
        Month month = MONTHS.get(String.valueOf(c.get("month")).toLowerCase(Locale.ROOT));
        String day = text(c, "day");
        String time = text(c, "time");
        if (month == null || day == null || time == null) {
            return null;
        }
        return inferYear(month, Integer.parseInt(day), time, receivedAt);
    }

    Long inferYear(Month month, int day, String time, long receivedAt) {
        int year = ZonedDateTime.ofInstant(java.time.Instant.ofEpochMilli(receivedAt), zone).getYear();
        try {
            long candidate = at(year, month, day, time);
            if (candidate > receivedAt + FUTURE_TOLERANCE_MILLIS) {
                candidate = at(year - 1, month, day, time);
            }
            return candidate;
        } catch (DateTimeException e) {
            // Feb 29 outside a leap year: the line is from the last leap year before.
            try {
                return at(year - 1, month, day, time);
            } catch (DateTimeException stillBad) {
                return null;
            }
        }
    }

    private long at(int year, Month month, int day, String time) {
        String[] hms = time.split("[:.]");
        LocalDateTime local = LocalDateTime.of(year, month, day, Integer.parseInt(hms[0]),
                Integer.parseInt(hms[1]), Integer.parseInt(hms[2]));
        return local.atZone(zone).toInstant().toEpochMilli();
    }

    private Long parseIso(String iso) {
        try {
            return OffsetDateTime.parse(iso, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().toEpochMilli();
        } catch (DateTimeParseException noOffset) {
            try {
                return LocalDateTime.parse(iso.replace(' ', 'T'), DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                        .atZone(zone).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }

    private static String text(Map<String, Object> capture, String key) {
        Object value = capture.get(key);
        if (value == null) {
            return null;
        }
        String s = value.toString();
        return s.isEmpty() || s.equals("-") ? null : s;
    }
}
