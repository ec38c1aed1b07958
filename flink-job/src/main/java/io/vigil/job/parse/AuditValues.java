package io.vigil.job.parse;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The {@code key=value} pairs of an audit record body. auditd quotes a text it logs as is
 * ({@code exe="/usr/bin/id"}) and hex-encodes one holding spaces, quotes or control characters
 * ({@code a1=2F746D702F6120622E7368}), unquoted; numbers are unquoted too ({@code pid=4242},
 * SYSCALL's {@code a0=40000}), so only the field knows which an unquoted value is:
 * {@link Value#text()} for numbers, {@link Value#decoded()} for texts. The {@code msg='...'}
 * of user-space records (USER_CMD, USER_AUTH ...) holds pairs of its own, added beside the
 * outer ones (which win).
 */
final class AuditValues {
    /** A value as logged, and whether it was double-quoted. */
    record Value(String text, boolean quoted) {
        /** The text a text field holds: unquoted hex decoded; empty for auditd's "(null)" and "?". */
        String decoded() {
            if (quoted) {
                return text;
            }
            if (text.equals("(null)") || text.equals("?")) {
                return "";
            }
            // ASCII hex only: Character.digit also takes other scripts' digits, which HexFormat refuses
            return AsciiDigits.isHex(text) ? new String(HexFormat.of().parseHex(text), StandardCharsets.UTF_8) : text;
        }
    }

    private AuditValues() {}

    static Map<String, Value> parse(String body) {
        Map<String, Value> values = new HashMap<>();
        Map<String, Value> inner = new HashMap<>();
        parseInto(body, values, inner);
        inner.forEach(values::putIfAbsent);
        return values;
    }

    /**
     * One pass over the body: the next '=' and the next space are searched for again only once the
     * scan has passed them (searching from every word made "x x x ... =" quadratic: 15 s for 1 MiB).
     */
    private static void parseInto(String body, Map<String, Value> values, Map<String, Value> inner) {
        final int none = Integer.MAX_VALUE;
        int i = 0;
        int n = body.length();
        int eq = -1;
        int space = -1;
        while (i < n) {
            while (i < n && body.charAt(i) == ' ') {
                i++;
            }
            if (eq < i) {
                eq = body.indexOf('=', i);
                eq = eq < 0 ? none : eq;
            }
            if (space < i) {
                space = body.indexOf(' ', i);
                space = space < 0 ? none : space;
            }
            if (eq == none) {
                return;
            }
            if (space < eq) {
                i = space + 1; // a word without '=' (auditd writes none, but a forwarder might)
                continue;
            }
            String key = body.substring(i, eq);
            int start = eq + 1;
            char quote = start < n ? body.charAt(start) : ' ';
            if (quote == '"' || quote == '\'') {
                int close = body.indexOf(quote, start + 1);
                int end = close < 0 ? n : close;
                String text = body.substring(start + 1, end);
                if (quote == '\'') {
                    parseInto(text, inner, inner);
                }
                values.putIfAbsent(key, new Value(text, true));
                i = end + 1;
            } else {
                int end = body.indexOf(' ', start);
                end = end < 0 ? n : end;
                values.putIfAbsent(key, new Value(body.substring(start, end), false));
                i = end;
            }
        }
    }
}
