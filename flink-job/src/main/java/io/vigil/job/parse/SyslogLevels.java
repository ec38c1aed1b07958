package io.vigil.job.parse;

import java.util.Map;
import java.util.Set;

/**
 * Facility and level names as syslog daemons print them where no {@code <PRI>} survives: busybox
 * syslogd and OpenWrt's logread ({@code daemon.info}), FreeBSD's {@code syslogd -vv}
 * ({@code <auth.info>}), Solaris and macOS message ids ({@code [ID 800047 auth.info]}).
 */
final class SyslogLevels {
    private static final Set<String> FACILITIES = Set.of(
            "kern",
            "user",
            "mail",
            "daemon",
            "auth",
            "syslog",
            "lpr",
            "news",
            "uucp",
            "cron",
            "authpriv",
            "ftp",
            "ntp",
            "security",
            "console",
            "audit",
            "local0",
            "local1",
            "local2",
            "local3",
            "local4",
            "local5",
            "local6",
            "local7");
    private static final Map<String, Integer> LEVELS = Map.ofEntries(
            Map.entry("emerg", 0),
            Map.entry("panic", 0),
            Map.entry("alert", 1),
            Map.entry("crit", 2),
            Map.entry("err", 3),
            Map.entry("error", 3),
            Map.entry("warn", 4),
            Map.entry("warning", 4),
            Map.entry("notice", 5),
            Map.entry("info", 6),
            Map.entry("debug", 7));

    private SyslogLevels() {}

    /**
     * The severity digit of {@code facility.level} ({@code authpriv.info} gives 6) or of FreeBSD's
     * numeric {@code 4.3} (gives 3); -1 when the text is neither.
     */
    static int severity(String text) {
        int dot = text.indexOf('.');
        if (dot <= 0 || dot == text.length() - 1 || text.length() > 24) {
            return -1;
        }
        String facility = text.substring(0, dot);
        String level = text.substring(dot + 1);
        if (FACILITIES.contains(facility)) {
            Integer value = LEVELS.get(level);
            return value == null ? -1 : value;
        }
        TextCursor f = new TextCursor(facility);
        TextCursor l = new TextCursor(level);
        if (f.digits(1, 2) >= 0 && f.atEnd()) {
            int value = l.digits(1, 1);
            return value >= 0 && value <= 7 && l.atEnd() ? value : -1;
        }
        return -1;
    }
}
