package io.vigil.job.parse;

/**
 * FortiGate (FortiOS) syslog: no RFC 3164 header, the time and the device are key=value pairs in
 * any order ({@code date=2020-04-23 time=12:32:48 devname="fw1" ... tz="-0500"}). The host is
 * {@code devname}, else {@code devid} (the serial number); the zone is {@code tz} when given.
 * Only the first {@link #MAX_PAIRS} pairs are looked at.
 */
final class FortiOsHeader {
    private static final int MAX_PAIRS = 40;

    private FortiOsHeader() {}

    static boolean startsHere(TextCursor c) {
        return c.startsWith("date=") || c.startsWith("devname=") || c.startsWith("logver=");
    }

    /** The line read from the cursor on, or null when it lacks date= and time=. */
    static SyslogLine read(TextCursor c, int severity, SyslogTime times) {
        String message = c.rest();
        String date = null;
        String time = null;
        String tz = null;
        String devname = null;
        String devid = null;
        for (int pair = 0; pair < MAX_PAIRS && !c.atEnd(); pair++) {
            int eq = c.text.indexOf('=', c.at);
            int space = c.text.indexOf(' ', c.at);
            if (eq < 0 || space >= 0 && space < eq) {
                break;
            }
            String key = c.text.substring(c.at, eq);
            c.at = eq + 1;
            String value = value(c);
            switch (key) {
                case "date" -> date = value;
                case "time" -> time = value;
                case "tz" -> tz = value;
                case "devname" -> devname = value;
                case "devid" -> devid = value;
                default -> {}
            }
            c.skipSpaces();
        }
        if (date == null || time == null) {
            return null;
        }
        String offset = tz == null || tz.length() != 5 ? "" : tz.substring(0, 3) + ":" + tz.substring(3);
        Long millis = times.iso(new TextCursor(date + "T" + time + offset));
        String host = devname != null && !devname.isBlank()
                ? devname.strip()
                : devid != null && !devid.isBlank() ? devid.strip() : null;
        return new SyslogLine("fortios", severity, millis, host, null, null, null, message);
    }

    /** A value, quoted (up to the closing quote) or bare (up to the next space). */
    private static String value(TextCursor c) {
        if (c.skip('"')) {
            int close = c.text.indexOf('"', c.at);
            int end = close < 0 ? c.text.length() : close;
            String value = c.text.substring(c.at, end);
            c.at = close < 0 ? end : close + 1;
            return value;
        }
        int end = c.tokenEnd();
        String value = c.text.substring(c.at, end);
        c.at = end;
        return value;
    }
}
