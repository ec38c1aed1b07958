package io.vigil.job.parse;

import java.time.ZoneId;

/**
 * Reads the header of a syslog line in every common dialect (docs/schema.md, "Syslog dialects"):
 * RFC 5424; RFC 3164 as rsyslog, syslog-ng, sysklogd, busybox, the BSDs, macOS and network
 * appliances write it, with BSD or ISO 8601 times; FortiOS key=value lines.
 *
 * <p>Hand-written rather than a table of regular expressions: what makes real syslog readable is
 * a handful of decisions about the token after the time (a host, a tag, or a facility.level
 * word), which are plain code here, and a scanner is linear in the line whatever it holds. No
 * input makes it throw (SyslogParserProperties): a number that is too long, empty or not ASCII
 * simply does not make a header. When the header has a host but no readable time, or a time but
 * no host, the line keeps what it has; {@link SyslogLine#timestamp()} or
 * {@link SyslogLine#host()} is then null and the caller says so.
 */
public final class SyslogParser {
    /** RFC 5424: PRI is at most 3 digits and 191 (facility 23, severity 7). */
    private static final int MAX_PRI = 191;
    /** A longer "{@code <digits>}" is not a PRI at all (it is skipped, not read as a number). */
    private static final int MAX_PRI_FIELD = 12;

    private final SyslogTime times;

    public SyslogParser(ZoneId zone) {
        this.times = new SyslogTime(zone);
    }

    /** The parsed header, or null when the line has neither a PRI nor a syslog time at its start. */
    public SyslogLine parse(String line, long receivedAt) {
        TextCursor c = new TextCursor(line);
        boolean hasPri = false;
        int severity = -1;
        if (c.peek() == '<') {
            int close = priEnd(line);
            if (close > 0) {
                hasPri = true;
                TextCursor digits = new TextCursor(line, 1);
                int pri = digits.digits(1, 3);
                // an overlong or out-of-range PRI (<9999999999>) says nothing; the header after it still counts
                severity = pri >= 0 && pri <= MAX_PRI && digits.at == close ? pri & 7 : -1;
                c.at = close + 1;
            }
        }
        if (hasPri && c.startsWith("1 ")) {
            return rfc5424(c, severity);
        }
        if (FortiOsHeader.startsHere(c)) {
            SyslogLine forti = FortiOsHeader.read(new TextCursor(line, c.at), severity, times);
            if (forti != null) {
                return forti;
            }
        }
        int afterPri = c.at;
        String dialect = "rfc3164";
        String host = null;
        Long time = times.read(c, receivedAt);
        if (time == null && hasPri) {
            // Cisco IOS sending directly: "<189>45: [router1: ]*Mar  1 00:01:23.456 UTC: %SYS-5-..."
            c.at = afterPri;
            if (c.digits(1, 9) >= 0 && c.skip(':') && c.skip(' ')) {
                int mark = c.at;
                time = times.read(c, receivedAt);
                if (time == null) {
                    String token = c.token();
                    if (token.length() > 1 && token.endsWith(":")) {
                        c.at = c.tokenEnd();
                        c.skipSpaces();
                        time = times.read(c, receivedAt);
                        host = time == null ? null : token.substring(0, token.length() - 1);
                    }
                }
                if (time == null) {
                    c.at = mark;
                }
                dialect = "cisco-ios";
            }
        }
        if (time == null) {
            if (!hasPri) {
                return null;
            }
            // A PRI and no time (Cisco ASA without "logging timestamp"): the PRI is all the header says.
            c.at = afterPri;
            SyslogTag tag = SyslogTag.read(c.rest());
            return new SyslogLine(
                    "pri-only", severity, null, null, tag.program(), tag.module(), tag.pid(), tag.message());
        }
        if (TextCursor.isDigit(line.charAt(afterPri)) && !dialect.equals("cisco-ios")) {
            dialect = "rfc3164-iso";
        }
        c.skipSpaces();
        if (c.peek() == '<') {
            // FreeBSD syslogd -v / -vv: "<4.3>" or "<auth.info>" before the host
            int close = c.text.indexOf('>', c.at);
            if (close > c.at && close - c.at <= 24) {
                int level = SyslogLevels.severity(c.text.substring(c.at + 1, close));
                if (level >= 0) {
                    severity = severity < 0 ? level : severity;
                    c.at = close + 1;
                    c.skipSpaces();
                }
            }
        }
        if (host == null && !dialect.equals("cisco-ios")) {
            String token = c.token();
            int level = SyslogLevels.severity(token);
            if (level >= 0) {
                // OpenWrt logread: "Thu Nov 12 13:20:06 2020 daemon.info dnsmasq[728]: ..." names no host
                severity = severity < 0 ? level : severity;
                c.at = c.tokenEnd();
                c.skipSpaces();
                dialect = "openwrt-logread";
            } else if (isHost(token, c)) {
                host = token.endsWith(":") ? token.substring(0, token.length() - 1) : token;
                c.at = c.tokenEnd();
                c.skipSpaces();
                level = SyslogLevels.severity(c.token());
                if (level >= 0) {
                    // busybox syslogd: "Jan 12 10:00:00 host authpriv.info sshd[1]: ..."
                    severity = severity < 0 ? level : severity;
                    c.at = c.tokenEnd();
                    c.skipSpaces();
                    dialect = "busybox";
                }
            }
        }
        SyslogTag tag = SyslogTag.read(c.rest());
        if (severity < 0) {
            severity = tag.severity();
        }
        return new SyslogLine(
                dialect, severity, time, originalHost(host), tag.program(), tag.module(), tag.pid(), tag.message());
    }

    /** The index of the '>' closing a "{@code <digits>}" PRI field at the start, or -1. */
    private static int priEnd(String line) {
        int i = 1;
        while (i < line.length() && i <= MAX_PRI_FIELD && TextCursor.isDigit(line.charAt(i))) {
            i++;
        }
        return i > 1 && i < line.length() && line.charAt(i) == '>' ? i : -1;
    }

    /**
     * Whether the token after the time names the host rather than being the tag of a line that
     * names none ({@code Nov 23 21:50:37 sshd[7148]: ...}). As rsyslog decides: a token ending in
     * a colon is the tag, except before a Cisco message id ({@code localhost: %ASA-6-...}); so is
     * {@code name[pid]}.
     */
    private static boolean isHost(String token, TextCursor c) {
        if (token.isEmpty()) {
            return false;
        }
        if (token.endsWith(":")) {
            int next = c.tokenEnd();
            while (next < c.text.length() && c.text.charAt(next) == ' ') {
                next++;
            }
            return token.length() > 1 && next < c.text.length() && c.text.charAt(next) == '%';
        }
        int open = token.indexOf('[');
        return !(open > 0 && token.endsWith("]"));
    }

    /**
     * syslog-ng relays chain host names: {@code dn228/dn228} (sender/relay) and
     * {@code local@tbird-admin1} (a relay's own messages); the host is the one that logged.
     */
    private static String originalHost(String host) {
        if (host == null || host.isEmpty()) {
            return null;
        }
        int slash = host.indexOf('/');
        if (slash > 0) {
            return host.substring(0, slash);
        }
        int at = host.lastIndexOf('@');
        return at >= 0 && at < host.length() - 1 ? host.substring(at + 1) : host;
    }

    /**
     * RFC 5424: {@code 1 TIMESTAMP HOST APP-NAME PROCID MSGID [SD] MSG}, with "-" for a missing
     * field. A message made only of structured data (Junos {@code RT_FLOW} records) keeps the
     * structured data as its message, so nothing is lost.
     */
    private SyslogLine rfc5424(TextCursor c, int severity) {
        c.at += 2;
        c.skipSpaces();
        String ts = field(c);
        Long time = ts == null ? null : times.iso(new TextCursor(ts));
        String host = field(c);
        String app = field(c);
        String procid = field(c);
        field(c); // MSGID
        String sd = null;
        if (c.peek() == '[') {
            int start = c.at;
            c.at = structuredDataEnd(c.text, c.at);
            sd = c.text.substring(start, c.at);
        } else if (c.peek() == '-') {
            c.at++;
        }
        c.skip(' ');
        String msg = c.rest();
        if (msg.startsWith("\uFEFF")) {
            msg = msg.substring(1); // RFC 5424's BOM before a UTF-8 MSG
        }
        String program = app;
        Long pid = null;
        if (app != null && app.endsWith("]")) {
            SyslogTag tag = SyslogTag.read(app + ": ");
            program = tag.program() == null ? app : tag.program();
            pid = tag.pid();
        }
        if (procid != null) {
            TextCursor digits = new TextCursor(procid);
            int value = digits.digits(1, 9);
            pid = value >= 0 && digits.atEnd() ? Long.valueOf(value) : pid;
        }
        return new SyslogLine(
                "rfc5424", severity, time, host, program, null, pid, msg.isEmpty() && sd != null ? sd : msg);
    }

    /** The next space-separated header field, null for "-" (NILVALUE) or past the end. */
    private static String field(TextCursor c) {
        if (c.atEnd()) {
            return null;
        }
        String value = c.token();
        c.at = c.tokenEnd();
        c.skipSpaces();
        return value.isEmpty() || value.equals("-") ? null : value;
    }

    /** The end of RFC 5424 structured data: [id k="v" ...][...], where '\]' and quoted ']' do not close. */
    private static int structuredDataEnd(String text, int i) {
        while (i < text.length() && text.charAt(i) == '[') {
            boolean quoted = false;
            i++;
            while (i < text.length()) {
                char ch = text.charAt(i);
                if (ch == '\\' && i + 1 < text.length()) {
                    i += 2;
                    continue;
                }
                if (ch == '"') {
                    quoted = !quoted;
                } else if (ch == ']' && !quoted) {
                    break;
                }
                i++;
            }
            if (i < text.length()) {
                i++; // the closing ']'
            }
        }
        return i;
    }
}
