package io.vigil.job.fuzz;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.yaml.snakeyaml.Yaml;

/**
 * Hostile records in every format the job reads (issue 16), drawn from a {@link Random}: JSON
 * metric samples and security events, auditd records, syslog lines (RFC 3164, its ISO variant,
 * RFC 5424) carrying the sshd / pam_unix / sudo / su / kernel / useradd / web messages the parser
 * knows, and the lines of the parser corpus (corpus/syslog.yml); each optionally mutated at the
 * byte level. Their fields hold what an attacker writes: numbers in every shape (empty, overlong,
 * signed, exponents, other scripts' digits), control characters, NULs, lone surrogates, CRs,
 * secret-looking fragments.
 *
 * <p>Plain Java and cheap (a few microseconds a record), so the property tests run 100,000 cases
 * in seconds (RecordParserProperties) and the benchmark draws its fuzz corpus from the same shapes.
 */
public final class HostileRecords {
    private static final List<String> CORPUS = loadCorpus();

    private HostileRecords() {}

    // ------------------------------------------------------------------ fields

    /** Digits of scripts other than ASCII: Character.digit and Long.parseLong accept them all. */
    private static final char[] OTHER_DIGITS = {
        '\u0660', '\u0669', '\u06F3', '\u0966', '\u09E7', '\uFF10', '\uFF19', '\u1040', '\u0E51'
    };

    private static final String[] NUMBERS = {
        "0",
        "",
        "-1",
        "+1",
        "9223372036854775807",
        "9223372036854775808",
        "18446744073709551616",
        "1e400",
        "-0",
        "NaN",
        "Infinity",
        "0x1F",
        "1,5",
        "1.5",
        "9999999999",
        "99999999999999999999999999999999999999",
        "00000000000000000000000001",
        " 1",
        "1 "
    };
    private static final String[] FRAGMENTS = {
        "password=",
        "token: ",
        "eyJhbGciOi.eyJzdWIi.",
        "-eyJ",
        "bearer ",
        "basic ",
        "postgres://u:",
        "@",
        "://",
        "AKIAIOSFODNN7EXAMPLE",
        "4111 1111 1111 1111",
        "-----BEGIN RSA PRIVATE KEY-----",
        "-----END PRIVATE KEY-----",
        "[REDACTED:jwt]",
        "\u00e9",
        "\uD83D\uDE00",
        "\uD800",
        "\uFFFD",
        "%{",
        "${jndi:ldap://x}",
        "\u0000",
        "\r",
        "\r\n",
        "\t",
        "\u001d",
        "\"",
        "'",
        "\\",
        "=",
        " ",
        "[",
        "]",
        "{",
        "}",
        "<",
        ">",
        ",",
        ":"
    };
    private static final String WORD = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:@";

    /** The text of a number as a hostile writer may put it where a parser expects one. */
    public static String number(Random r) {
        switch (r.nextInt(11)) {
            case 0, 1, 2:
                return pick(r, NUMBERS);
            case 3, 4:
                return foreignDigits(r, 1 + r.nextInt(6));
            case 5:
                return digits(r, 1 + r.nextInt(20)) + foreignDigits(r, 1);
            default:
                return digits(r, 1 + r.nextInt(r.nextInt(10) < 8 ? 6 : 25));
        }
    }

    private static String digits(Random r, int n) {
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append((char) ('0' + r.nextInt(10)));
        }
        return s.toString();
    }

    private static String foreignDigits(Random r, int n) {
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append(OTHER_DIGITS[r.nextInt(OTHER_DIGITS.length)]);
        }
        return s.toString();
    }

    /** A short text: a word, a number, a secret-looking fragment, control characters, any code units. */
    public static String text(Random r) {
        switch (r.nextInt(12)) {
            case 0, 1, 2, 3, 4:
                return word(r, r.nextInt(12));
            case 5, 6:
                return number(r);
            case 7, 8, 9:
                return pick(r, FRAGMENTS);
            default: {
                StringBuilder s = new StringBuilder();
                int n = r.nextInt(8);
                for (int i = 0; i < n; i++) {
                    s.append((char) (r.nextInt(4) == 0 ? r.nextInt(0x10000) : r.nextInt(0x80)));
                }
                return s.toString();
            }
        }
    }

    private static String word(Random r, int n) {
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append(WORD.charAt(r.nextInt(WORD.length())));
        }
        return s.toString();
    }

    /** A run of texts: what fills a message or a quoted value. */
    public static String texts(Random r) {
        StringBuilder s = new StringBuilder();
        int n = r.nextInt(8);
        for (int i = 0; i < n; i++) {
            s.append(text(r));
        }
        return s.toString();
    }

    private static <T> T pick(Random r, T[] options) {
        return options[r.nextInt(options.length)];
    }

    private static <T> T pick(Random r, List<T> options) {
        return options.get(r.nextInt(options.size()));
    }

    private static String orZero(String number) {
        return number.isEmpty() ? "0" : number;
    }

    /** A text dense in secrets and near-secrets: what redaction must handle, run after run. */
    public static String secretText(Random r) {
        StringBuilder s = new StringBuilder();
        int n = 1 + r.nextInt(6);
        for (int i = 0; i < n; i++) {
            switch (r.nextInt(9)) {
                case 0 ->
                    s.append(pick(r, new String[] {"password", "passwd", "token", "api_key", "secret", "pass"}))
                            .append(pick(r, new String[] {"=", ": ", "\":\"", "='", " = "}))
                            .append(word(r, r.nextInt(14)));
                case 1 ->
                    s.append(pick(r, new String[] {"Bearer ", "bearer\t", "Basic "}))
                            .append(word(r, r.nextInt(20)));
                case 2 ->
                    s.append("eyJ")
                            .append(word(r, r.nextInt(8)))
                            .append(".eyJ")
                            .append(word(r, r.nextInt(8)))
                            .append('.')
                            .append(word(r, r.nextInt(8)));
                case 3 ->
                    s.append(pick(r, new String[] {"postgres", "https", "a.b", "x"}))
                            .append("://")
                            .append(word(r, r.nextInt(6)))
                            .append(':')
                            .append(word(r, r.nextInt(8)))
                            .append('@')
                            .append(word(r, 4));
                case 4 ->
                    s.append(pick(r, new String[] {
                        "4111 1111 1111 1111",
                        "5555-5555-5555-4444",
                        "4111111111111111",
                        "378282246310005",
                        "1700000000000123",
                        digits(r, 13 + r.nextInt(7))
                    }));
                case 5 ->
                    s.append("-----BEGIN ")
                            .append(pick(r, new String[] {"", "RSA ", "OPENSSH "}))
                            .append("PRIVATE KEY-----")
                            .append(word(r, r.nextInt(10)))
                            .append(r.nextBoolean() ? "-----END PRIVATE KEY-----" : "");
                case 6 ->
                    s.append(pick(r, new String[] {"AKIA", "ASIA"}))
                            .append(word(r, 16).toUpperCase(java.util.Locale.ROOT));
                case 7 -> s.append(pick(r, FRAGMENTS));
                default -> s.append(text(r));
            }
            s.append(pick(r, new String[] {" ", "", "&", ";", ",", "\"", "\n"}));
        }
        return s.toString();
    }

    /** A JSON value that is valid JSON, its strings dense in secrets: the raw JSON of unknown fields. */
    public static String validJson(Random r, int depth) {
        switch (r.nextInt(depth > 0 ? 6 : 4)) {
            case 0, 1:
                return quoted(secretText(r));
            case 2:
                return String.valueOf(r.nextInt());
            case 3:
                return pick(r, new String[] {"true", "null", "1.5e3"});
            case 4: {
                List<String> items = new ArrayList<>();
                for (int i = r.nextInt(4); i > 0; i--) {
                    items.add(validJson(r, depth - 1));
                }
                return "[" + String.join(",", items) + "]";
            }
            default: {
                java.util.Map<String, String> members = new java.util.LinkedHashMap<>(); // JSON keys are unique
                for (int i = r.nextInt(4); i > 0; i--) {
                    members.put(r.nextBoolean() ? secretText(r) : pick(r, KEYS), validJson(r, depth - 1));
                }
                List<String> out = new ArrayList<>();
                members.forEach((k, v) -> out.add(quoted(k) + ":" + v));
                return "{" + String.join(",", out) + "}";
            }
        }
    }

    // ------------------------------------------------------------------ JSON

    private static final String[] KEYS = {
        "timestamp",
        "@timestamp",
        "host",
        "message",
        "severity",
        "cpu_usage",
        "memory_usage",
        "network",
        "user",
        "user.name",
        "source.ip",
        "source.port",
        "destination.port",
        "process.pid",
        "process.name",
        "process.command_line",
        "process.args",
        "event.action",
        "event.outcome",
        "network.transport",
        "url.original",
        "log",
        "custom",
        "a.b",
        "",
        "extra",
        "threats",
        "kafka",
        "protected",
        "event.ingested",
        "host.name"
    };
    private static final String[] TIMES = {
        "\"2023-11-14T22:13:20Z\"",
        "\"2023-11-14T22:13:20.123456789+01:00\"",
        "\"0000-01-01T00:00:00Z\"",
        "\"1969-12-31T23:59:59Z\"",
        "\"9999-12-31T23:59:59Z\"",
        "\"+10000-01-01T00:00:00Z\"",
        "\"2023-13-45T25:61:61Z\"",
        "\"2023-11-14T22:13:20\"",
        "\"2023-11-14T22:13:20+25:00\"",
        "1700000000",
        "1700000000000",
        "1700000000.5",
        "-1700000000",
        "0",
        "18446745773709551616",
        "1e300",
        "null",
        "\"\"",
        "{}"
    };

    private static String quoted(String text) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }

    private static String jsonValue(Random r, int depth) {
        int kind = r.nextInt(depth > 0 ? 11 : 9);
        switch (kind) {
            case 0, 1, 2, 3:
                return quoted(texts(r));
            case 4, 5, 6, 7:
                return orZero(number(r)); // may not be JSON at all: then the record is rejected
            case 8:
                return pick(r, new String[] {"true", "false", "null", "{}", "[]"});
            case 9: {
                List<String> items = new ArrayList<>();
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    items.add(jsonValue(r, depth - 1));
                }
                return "[" + String.join(",", items) + "]";
            }
            default:
                return "{" + jsonMembers(r, depth - 1, 4) + "}";
        }
    }

    private static String jsonMembers(Random r, int depth, int max) {
        List<String> members = new ArrayList<>();
        int n = r.nextInt(max + 1);
        for (int i = 0; i < n; i++) {
            String key = r.nextInt(6) == 0 ? text(r) : pick(r, KEYS);
            members.add(quoted(key) + ":" + jsonValue(r, depth));
        }
        return String.join(",", members);
    }

    /** A JSON metric sample or security event: valid in shape, not in every value. */
    public static String json(Random r) {
        String time = r.nextInt(6) == 0 ? orZero(number(r)) : pick(r, TIMES);
        String host = switch (r.nextInt(8)) {
            case 0, 1 -> quoted(texts(r));
            case 2 ->
                pick(r, new String[] {"{\"name\":\"web-02\"}", "7", "null", "\"\"", "[]", "\"" + "h".repeat(300) + "\""
                });
            default -> r.nextBoolean() ? "\"web-01\"" : "\"db-7\"";
        };
        String body;
        if (r.nextBoolean()) {
            body = "\"cpu_usage\":" + orZero(number(r)) + ",\"memory_usage\":{\"used\":" + orZero(number(r))
                    + ",\"total\":"
                    + orZero(number(r)) + "},\"network\":{\"in_bytes_per_sec\":" + orZero(number(r))
                    + ",\"out_bytes_per_sec\":"
                    + orZero(number(r)) + (r.nextBoolean() ? ",\"transport\":" + quoted(text(r)) : "") + "}";
        } else {
            body = jsonMembers(r, 3, 8);
        }
        return "{\"timestamp\":" + time + ",\"host\":" + host + (body.isEmpty() ? "" : "," + body) + "}";
    }

    // ------------------------------------------------------------------ auditd

    private static final String[] AUDIT_KEYS = {
        "pid",
        "ppid",
        "uid",
        "auid",
        "a0",
        "a1",
        "a2",
        "a3",
        "a99999999999",
        "a-1",
        "argc",
        "exe",
        "comm",
        "key",
        "syscall",
        "success",
        "res",
        "name",
        "item",
        "msg",
        "cwd",
        "cmd",
        "arch",
        "exit"
    };
    private static final String[] AUDIT_TYPES = {"SYSCALL", "EXECVE", "PATH", "USER_CMD", "USER_AUTH", "PROCTITLE"};

    private static String auditValue(Random r, int depth) {
        switch (r.nextInt(depth > 0 ? 10 : 9)) {
            case 0, 1, 2:
                return number(r);
            case 3, 4:
                return "\"" + texts(r) + "\"";
            case 5, 6: {
                StringBuilder hex = new StringBuilder();
                int n = r.nextInt(12);
                for (int i = 0; i < n; i++) {
                    hex.append("0123456789ABCDEFabcdef\uFF10\u0661".charAt(r.nextInt(24)));
                }
                return hex.toString();
            }
            case 7:
                return text(r);
            case 8:
                return pick(r, new String[] {"(null)", "?", "", "yes", "no", "success", "failed"});
            default:
                return "'" + auditPairs(r, depth - 1) + "'";
        }
    }

    private static String auditPairs(Random r, int depth) {
        List<String> pairs = new ArrayList<>();
        int n = r.nextInt(9);
        for (int i = 0; i < n; i++) {
            pairs.add((r.nextInt(6) == 0 ? text(r) : pick(r, AUDIT_KEYS)) + "=" + auditValue(r, depth));
        }
        return String.join(" ", pairs);
    }

    /** An auditd record as audit.log holds it, with hostile numbers, hex and nesting. */
    public static String audit(Random r) {
        String node = r.nextInt(4) == 0 ? "node=" + text(r) + " " : "";
        String type = r.nextInt(5) == 0 ? text(r) : pick(r, AUDIT_TYPES);
        String seconds = r.nextInt(3) == 0 ? number(r) : (r.nextBoolean() ? "1700000000" : "1699999000");
        String millis = r.nextInt(5) == 0 ? number(r) : "123";
        String enriched = r.nextInt(4) == 0 ? "\u001d" + auditPairs(r, 1) : "";
        return node + "type=" + type + " msg=audit(" + seconds + "." + millis + ":" + number(r) + "): "
                + auditPairs(r, 1) + enriched;
    }

    // ------------------------------------------------------------------ syslog

    private static final String[] MONTHS = {"Jan", "Nov", "Dec", "Feb", "Foo", "nov"};
    private static final String[] PROGRAMS = {
        "sshd",
        "sudo",
        "su",
        "kernel",
        "useradd",
        "usermod",
        "groupadd",
        "systemd",
        "auditd",
        "nginx",
        "CRON",
        "login",
        "audispd",
        "sshd(pam_unix)",
        "-"
    };
    private static final String[] ISO_TIMES = {
        "2023-11-14T22:13:10Z",
        "2023-11-14T22:13:10.123456+00:00",
        "0000-01-01T00:00:00Z",
        "1969-12-31T23:59:59Z",
        "9999-12-31T23:59:59Z",
        "2023-13-45T25:61:61Z",
        "2023-11-14 22:13:10",
        "-"
    };

    /** A message of one of the security sources the parser reads, with hostile fills. */
    private static String securityMessage(Random r) {
        return switch (r.nextInt(13)) {
            case 0 ->
                "Failed " + pick(r, new String[] {"password", "publickey", "none"}) + " for " + text(r) + " from "
                        + text(r) + " port " + number(r) + " ssh2";
            case 1 -> "Accepted password for " + text(r) + " from " + text(r) + " port " + number(r) + " ssh2";
            case 2 -> "Invalid user " + text(r) + " from " + text(r) + " port " + number(r);
            case 3 ->
                "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=" + text(r)
                        + "  user=" + text(r);
            case 4 -> text(r) + " : TTY=pts/0 ; PWD=/home ; USER=" + text(r) + " ; COMMAND=" + texts(r);
            case 5 ->
                text(r) + " : " + number(r) + " incorrect password attempts ; TTY=pts/1 ; PWD=/ ; USER=" + text(r)
                        + " ; COMMAND=" + texts(r);
            case 6 -> "FAILED SU (to " + text(r) + ") " + text(r) + " on pts/1";
            case 7 ->
                "[UFW BLOCK] IN=eth0 OUT= SRC=" + text(r) + " DST=" + text(r) + " LEN=40 PROTO=TCP SPT=" + number(r)
                        + " DPT=" + number(r) + " RES=0x00 ACK URGP=0";
            case 8 -> "new user: name=" + text(r) + ", UID=" + number(r) + ", GID=1001";
            case 9 ->
                text(r) + " - " + text(r) + " [14/Nov/2023:22:13:10 +0000] \"GET " + texts(r) + " HTTP/1.1\" "
                        + number(r) + " 512 \"-\" \"" + texts(r) + "\"";
            case 10 ->
                "reverse mapping checking getaddrinfo for x [" + text(r) + "] failed - POSSIBLE BREAK-IN ATTEMPT!";
            case 11 -> audit(r);
            default -> texts(r);
        };
    }

    /** A syslog line: RFC 3164 (with or without PRI), rsyslog's ISO variant or RFC 5424. */
    public static String syslog(Random r) {
        String pri = r.nextInt(3) == 0 ? "" : "<" + number(r) + ">";
        String host = r.nextInt(5) == 0 ? text(r) : (r.nextBoolean() ? "web-01" : "10.0.0.1");
        String program = r.nextInt(6) == 0 ? text(r) : pick(r, PROGRAMS);
        String pid = r.nextBoolean() ? "" : "[" + number(r) + "]";
        switch (r.nextInt(3)) {
            case 0: {
                String day = r.nextInt(5) == 0 ? number(r) : pick(r, new String[] {" 6", "14", "31", "29"});
                String time = r.nextInt(5) == 0
                        ? number(r) + ":" + number(r) + ":" + number(r)
                        : pick(r, new String[] {"22:13:10", "00:00:00", "23:59:60", "99:99:99", "22:13:10.123"});
                return pri + pick(r, MONTHS) + " " + day + " " + time + " " + host + " " + program + pid + ": "
                        + securityMessage(r);
            }
            case 1:
                return pri + pick(r, ISO_TIMES) + " " + host + " " + program + pid + ": " + securityMessage(r);
            default: {
                String sd = switch (r.nextInt(4)) {
                    case 0 -> "[id@1 a=\"" + texts(r) + "\"]";
                    case 1 -> "[" + texts(r);
                    default -> "-";
                };
                return pri + "1 " + pick(r, ISO_TIMES) + " " + host + " " + program + " " + number(r) + " - " + sd + " "
                        + securityMessage(r);
            }
        }
    }

    // ------------------------------------------------------------------ corpus and mutations

    /** A line of the parser corpus (test resources, corpus/syslog.yml): what real logs look like. */
    public static String corpusLine(Random r) {
        return pick(r, CORPUS);
    }

    /** Any of the shapes above, mutated or not: the fuzz corpus of the benchmark. */
    public static byte[] any(Random r) {
        String record = switch (r.nextInt(4)) {
            case 0 -> json(r);
            case 1 -> audit(r);
            case 2 -> syslog(r);
            default -> corpusLine(r);
        };
        return mutated(r, record);
    }

    /** Zero to four edits of the record's bytes: inserts, deletions, replacements, cuts, invalid UTF-8. */
    public static byte[] mutated(Random r, String record) {
        byte[] bytes = record.getBytes(StandardCharsets.UTF_8);
        int edits = r.nextInt(5);
        for (int e = 0; e < edits; e++) {
            bytes = edit(r, bytes);
        }
        return bytes;
    }

    private static final byte[][] INSERTS = {
        {(byte) 0xff}, {(byte) 0xc3}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, {0}, {'\r'}, {'"'}, {'{'}, {'='}, {'\\'}
    };

    private static byte[] edit(Random r, byte[] b) {
        int pos = b.length == 0 ? 0 : r.nextInt(b.length + 1);
        int len = b.length - pos == 0 ? 0 : r.nextInt(Math.max(1, (b.length - pos) / 4) + 1);
        byte[] inserted =
                r.nextBoolean() ? text(r).getBytes(StandardCharsets.UTF_8) : INSERTS[r.nextInt(INSERTS.length)];
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + inserted.length);
        switch (r.nextInt(5)) {
            case 0 -> {
                out.write(b, 0, pos);
                out.writeBytes(inserted);
                out.write(b, pos, b.length - pos);
            }
            case 1 -> {
                out.write(b, 0, pos);
                out.write(b, pos + len, b.length - pos - len);
            }
            case 2 -> {
                out.write(b, 0, pos);
                out.writeBytes(inserted);
                int skip = Math.min(b.length - pos, inserted.length);
                out.write(b, pos + skip, b.length - pos - skip);
            }
            case 3 -> out.write(b, 0, pos);
            default -> {
                out.write(b, 0, pos + len);
                out.write(b, pos, b.length - pos);
            }
        }
        return out.toByteArray();
    }

    @SuppressWarnings("unchecked")
    private static List<String> loadCorpus() {
        try (InputStream in = HostileRecords.class.getResourceAsStream("/corpus/syslog.yml")) {
            List<Map<String, Object>> cases = new Yaml().load(in);
            return cases.stream().map(c -> String.valueOf(c.get("line"))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
