package io.vigil.job.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one Linux audit record ({@code type=SYSCALL msg=audit(1700000000.123:42): arch=... exe="/usr/bin/id"}),
 * as audit.log holds it or as audisp's syslog plugin forwards it, into the fields of
 * docs/schema.md ("auditd records"). auditd writes one record per line and several per event
 * (SYSCALL, EXECVE, PATH ... sharing a serial); each becomes its own Vigil event, which is how
 * Sigma's auditd rules test them ({@code type: EXECVE, a0: chmod}).
 */
public final class AuditRecordParser {
    /** What the header says beyond the fields: when the record was written and on which node. */
    public record Header(long timestamp, String node) {}

    private static final Pattern HEADER =
            Pattern.compile("^(?:node=(\\S+) )?type=(\\S+) msg=audit\\((\\d+)\\.(\\d{3}):\\d+\\): ?");
    private static final Pattern ARG = Pattern.compile("a(\\d+)");
    /** auditd's ENRICHED format appends the numbers translated (SYSCALL=openat, UID="root") after this. */
    private static final char ENRICHED = '\u001d';

    /**
     * Adds the record's fields to {@code fields}; returns its header, or null (and adds nothing)
     * when the text is not an audit record.
     */
    public Header parse(String text, Map<String, Object> fields) {
        if (!(text.startsWith("type=") || text.startsWith("node="))) {
            return null; // the common case, decided without a regular expression
        }
        Matcher header = HEADER.matcher(text);
        if (!header.find()) {
            return null;
        }
        String type = header.group(2);
        String body = text.substring(header.end());
        int enrichedAt = body.indexOf(ENRICHED);
        Map<String, AuditValues.Value> raw = AuditValues.parse(enrichedAt < 0 ? body : body.substring(0, enrichedAt));
        Map<String, AuditValues.Value> enriched =
                enrichedAt < 0 ? Map.of() : AuditValues.parse(body.substring(enrichedAt + 1));

        // where the event comes from (ECS, as Filebeat's auditd module says it): what a Sigma
        // rule's logsource (product: linux, service: auditd) selects on
        fields.put("event.module", "auditd");
        fields.put("event.dataset", "auditd.log");
        fields.put("auditd.type", type);
        putText(fields, "auditd.key", raw.get("key"));
        putText(fields, "auditd.nametype", raw.get("nametype"));
        // SERVICE_START / SERVICE_STOP: the systemd unit
        putText(fields, "service.name", raw.get("unit"));
        putText(fields, "process.executable", raw.get("exe"));
        putText(fields, "process.name", raw.get("comm"));
        putText(fields, "file.path", type.equals("PATH") ? raw.get("name") : null);
        long pid = raw.containsKey("pid") ? AsciiDigits.parse(raw.get("pid").text()) : -1;
        if (pid >= 0) {
            fields.put("process.pid", pid);
        }
        syscall(fields, raw.get("syscall"), enriched.get("SYSCALL"));
        outcome(fields, raw);
        if (type.equals("EXECVE")) {
            List<String> argv = args(raw, true);
            fields.put("auditd.args", argv);
            fields.put("process.args", argv);
            fields.put("process.command_line", String.join(" ", argv));
        } else if (type.equals("SYSCALL")) {
            // the syscall's own arguments: numbers in hex, as auditd logs them (a0=40000)
            fields.put("auditd.args", args(raw, false));
        }
        return new Header(millis(header.group(3), header.group(4)), header.group(1));
    }

    /**
     * Epoch millis of the header's {@code seconds.millis}. Seconds no clock can reach (more digits
     * than a long holds, or more than its millis do) give {@link Long#MAX_VALUE}: still impossible,
     * so the record is rejected by the time range check, with the other impossible times.
     */
    private static long millis(String seconds, String millis) {
        long s = AsciiDigits.parse(seconds);
        if (s < 0 || s > Long.MAX_VALUE / 1000 - 1) {
            return Long.MAX_VALUE;
        }
        return s * 1000 + AsciiDigits.parse(millis);
    }

    private static void putText(Map<String, Object> fields, String field, AuditValues.Value value) {
        String text = value == null ? null : value.decoded();
        if (text != null && !text.isEmpty()) {
            fields.put(field, text);
        }
    }

    /** Rules name syscalls by number (135) or by name (memfd_create): with ENRICHED logs, keep both. */
    private static void syscall(Map<String, Object> fields, AuditValues.Value number, AuditValues.Value name) {
        if (number == null) {
            return;
        }
        fields.put("auditd.syscall", name == null ? number.text() : List.of(number.text(), name.text()));
    }

    private static void outcome(Map<String, Object> fields, Map<String, AuditValues.Value> raw) {
        AuditValues.Value result = raw.containsKey("success") ? raw.get("success") : raw.get("res");
        if (result != null) {
            String text = result.text();
            fields.put("event.outcome", text.equals("yes") || text.equals("success") ? "success" : "failure");
        }
    }

    /** a0, a1, ... in order; EXECVE's are strings (hex-encoded when unquoted), SYSCALL's numbers. */
    private static List<String> args(Map<String, AuditValues.Value> raw, boolean strings) {
        Map<Integer, String> byIndex = new TreeMap<>();
        raw.forEach((key, value) -> {
            Matcher m = ARG.matcher(key);
            long index = m.matches() ? AsciiDigits.parse(m.group(1)) : -1;
            if (index >= 0 && index <= Integer.MAX_VALUE) { // larger: no process has that many arguments
                byIndex.put((int) index, strings ? value.decoded() : value.text());
            }
        });
        return new ArrayList<>(byIndex.values());
    }
}
