package io.vigil.job.parse;

/**
 * Splits what follows a syslog header's host into the tag and the message, as leniently as
 * rsyslog and Logstash's {@code SYSLOGPROG} do, and a little further:
 *
 * <ul>
 *   <li>{@code sshd[1234]: msg}, {@code kernel: msg}, {@code postfix/smtpd[1]:},
 *       {@code com.apple.xpc.launchd[1]}, {@code ansible-<stdin>:};</li>
 *   <li>a PAM module in parentheses, as Linux-PAM before 0.99 tagged its lines:
 *       {@code sshd(pam_unix)[20882]:} is program {@code sshd}, module {@code pam_unix};</li>
 *   <li>a space-separated version: {@code syslogd 1.4.1: restart.},
 *       {@code BezelServices 255.10[94]: ...};</li>
 *   <li>no tag at all ({@code -- root[2421]: ROOT LOGIN ON tty2},
 *       {@code last message repeated 3 times}, RouterOS {@code system,error,critical login ...}):
 *       no program, the whole text is the message;</li>
 *   <li>a Cisco sequence number ({@code 585917:}) or message id ({@code %ASA-6-302013:}) is not a
 *       program: no program, the text stays whole;</li>
 *   <li>a Solaris/macOS message id after the tag ({@code [ID 800047 auth.info] }) is dropped from
 *       the message, its level kept.</li>
 * </ul>
 *
 * @param severity the level of a {@code [ID n facility.level]} prefix, else -1
 */
record SyslogTag(String program, String module, Long pid, String message, int severity) {
    /** Longer "names" are message text, not a tag (RFC 3164 allows 32 characters). */
    private static final int MAX_NAME = 64;

    static SyslogTag read(String text) {
        TextCursor c = new TextCursor(text);
        if (c.peek() == ':') {
            // "HOST : %ASA-..." (Cisco ASA): an empty tag
            c.at++;
            c.skipSpaces();
            return untagged(c.rest());
        }
        int end = nameEnd(c);
        if (end == c.at || end - c.at > MAX_NAME) {
            return untagged(text);
        }
        String name = text.substring(c.at, end);
        c.at = end;
        Long pid = null;
        if (c.peek() == '[') {
            pid = pid(c);
            if (pid == null) {
                return untagged(text);
            }
        }
        if (c.peek() == ' ' && pid == null) {
            // "syslogd 1.4.1: restart." / "BezelServices 255.10[94]: ..."
            c.at++;
            if (!TextCursor.isDigit(c.peek())) {
                return untagged(text);
            }
            int versionEnd = c.at;
            while (versionEnd < text.length() && versionEnd - c.at < 32 && isVersionChar(text.charAt(versionEnd))) {
                versionEnd++;
            }
            c.at = versionEnd;
            if (c.peek() == '[') {
                pid = pid(c);
                if (pid == null) {
                    return untagged(text);
                }
            }
            if (c.peek() != ':') {
                return untagged(text);
            }
        }
        if (c.peek() == ':' && (c.peek(1) == ' ' || c.peek(1) == '\0')) {
            c.at++;
        } else if (pid == null || !(c.peek() == ' ' || c.atEnd())) {
            // neither "name: " nor "name[pid] ": not a tag ("http://x", "login failure for ...")
            return untagged(text);
        }
        if (isDigits(name) || name.charAt(0) == '%') {
            return untagged(text);
        }
        c.skip(' ');
        String module = null;
        int open = name.indexOf('(');
        if (open > 0 && name.endsWith(")")) {
            module = name.substring(open + 1, name.length() - 1);
            name = name.substring(0, open);
        }
        String message = c.rest();
        int severity = -1;
        if (message.startsWith("[ID ")) {
            int close = message.indexOf(']');
            if (close > 0 && close < 64) {
                String inner = message.substring(4, close);
                int space = inner.lastIndexOf(' ');
                severity = space < 0 ? -1 : SyslogLevels.severity(inner.substring(space + 1));
                message = message.substring(close + 1).stripLeading();
            }
        }
        return new SyslogTag(name, module == null || module.isEmpty() ? null : module, pid, message, severity);
    }

    private static SyslogTag untagged(String message) {
        return new SyslogTag(null, null, null, message, -1);
    }

    /** Tag names: any visible character but the separators {@code [ ] :} and space. */
    private static int nameEnd(TextCursor c) {
        int i = c.at;
        while (i < c.text.length() && i - c.at <= MAX_NAME) {
            char ch = c.text.charAt(i);
            if (ch == ' ' || ch == '[' || ch == ']' || ch == ':' || ch < ' ' || ch == 0x7f) {
                break;
            }
            i++;
        }
        return i;
    }

    /** "[1234]" at the cursor: the pid (ASCII digits, at most 9), else null with the cursor unchanged. */
    private static Long pid(TextCursor c) {
        int start = c.at;
        c.at++;
        int value = c.digits(1, 9);
        if (value < 0 || !c.skip(']')) {
            c.at = start;
            return null;
        }
        return (long) value;
    }

    private static boolean isVersionChar(char ch) {
        return TextCursor.isDigit(ch) || TextCursor.isLetter(ch) || ch == '.' || ch == '-' || ch == '_';
    }

    private static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!TextCursor.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
