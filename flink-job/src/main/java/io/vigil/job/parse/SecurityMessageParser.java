package io.vigil.job.parse;

import io.krakens.grok.api.Grok;
import io.krakens.grok.api.GrokCompiler;
import io.krakens.grok.api.Match;
import io.vigil.common.Fields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Extracts ECS fields from the messages of common security sources (sshd, pam_unix, sudo, su,
 * useradd/usermod/groupadd, kernel firewall, auditd, web server access logs), driven by
 * security-messages.yml. Only the entries of the line's program are tried, so an unrelated line
 * costs one map lookup.
 */
public final class SecurityMessageParser {
    /** The program of a line that came without a syslog header (a file shipped as is). */
    public static final String NO_HEADER = "-";
    /** Captures stored as numbers, as the index maps them. */
    private static final Set<String> NUMERIC =
            Set.of("source.port", "destination.port", "process.pid", "http.response.status_code");

    private record Entry(Grok grok, Map<String, String> set) {}

    private final Map<String, List<Entry>> byProgram = new HashMap<>();

    public SecurityMessageParser() {
        GrokCompiler compiler = GrokPatterns.compiler(Map.of());
        List<Map<String, Object>> entries =
                GrokPatterns.list(GrokPatterns.load("security-messages.yml").get("entries"));
        for (Map<String, Object> e : entries) {
            String grokText = (String) e.get("grok");
            Grok grok = GrokPatterns.compile(compiler, grokText, "security-messages.yml");
            Map<String, String> set = new HashMap<>();
            Map<String, Object> constants = GrokPatterns.cast(e.getOrDefault("set", Map.of()));
            constants.forEach((k, v) -> set.put(k, String.valueOf(v)));
            for (String field : set.keySet()) {
                requireEcs(field, grokText);
            }
            for (String program : GrokPatterns.<List<String>>cast(e.get("programs"))) {
                byProgram
                        .computeIfAbsent(program.toLowerCase(Locale.ROOT), p -> new ArrayList<>())
                        .add(new Entry(grok, set));
            }
        }
    }

    private static void requireEcs(String field, String where) {
        if (!Fields.ECS.contains(field)) {
            throw new IllegalStateException(
                    "security-messages.yml: " + field + " is not an indexed ECS field (" + where + ")");
        }
    }

    /**
     * Adds the fields the message of a syslog line yields to {@code fields}; returns whether a
     * pattern matched. A tag with a PAM module ({@code sshd(pam_unix)}) is looked up as written
     * first, then by its program: old Linux-PAM wrote its own lines under that tag, and what they
     * mean can differ from the program's own (docs/schema.md, "Event vocabulary").
     */
    public boolean parse(SyslogLine line, Map<String, Object> fields) {
        if (line.program() == null) {
            return false;
        }
        String program = line.program().toLowerCase(Locale.ROOT);
        if (line.module() != null
                && matchAny(
                        byProgram.get(program + "(" + line.module().toLowerCase(Locale.ROOT) + ")"),
                        line.message(),
                        fields)) {
            return true;
        }
        return matchAny(byProgram.get(program), line.message(), fields);
    }

    /**
     * Adds the fields the message yields to {@code fields}; returns whether a pattern matched.
     * Captured names outside the ECS set are ignored, so the table cannot create unmapped fields.
     */
    public boolean parse(String program, String message, Map<String, Object> fields) {
        if (program == null) {
            return false;
        }
        return matchAny(byProgram.get(program.toLowerCase(Locale.ROOT)), message, fields);
    }

    private static boolean matchAny(List<Entry> entries, String message, Map<String, Object> fields) {
        if (entries == null) {
            return false;
        }
        for (Entry entry : entries) {
            Match match = entry.grok.match(message);
            if (match.isNull()) {
                continue;
            }
            for (Map.Entry<String, Object> capture : match.capture().entrySet()) {
                Object value = firstValue(capture.getValue());
                if (value != null && !value.toString().isEmpty() && Fields.ECS.contains(capture.getKey())) {
                    fields.put(
                            capture.getKey(),
                            typed(capture.getKey(), value.toString().trim()));
                }
            }
            fields.putAll(entry.set);
            urlParts(fields);
            SourceAddress.complete(fields);
            return true;
        }
        return false;
    }

    /** A name captured in two alternatives comes back as a list: the one that matched counts. */
    private static Object firstValue(Object value) {
        if (value instanceof List<?> list) {
            return list.stream()
                    .filter(v -> v != null && !v.toString().isEmpty())
                    .findFirst()
                    .orElse(null);
        }
        return value;
    }

    /** A request target ({@code /a/b?x=1}) captured whole also gives ECS url.path and url.query. */
    private static void urlParts(Map<String, Object> fields) {
        Object original = fields.get("url.original");
        if (original == null || fields.containsKey("url.path")) {
            return;
        }
        String target = original.toString();
        int question = target.indexOf('?');
        fields.put("url.path", question < 0 ? target : target.substring(0, question));
        if (question >= 0 && question < target.length() - 1) {
            fields.put("url.query", target.substring(question + 1));
        }
    }

    private static Object typed(String field, String value) {
        if (NUMERIC.contains(field)) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                return value;
            }
        }
        return value;
    }
}
