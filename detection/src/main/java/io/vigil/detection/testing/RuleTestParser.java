package io.vigil.detection.testing;

import io.vigil.common.Durations;
import io.vigil.common.Fields;
import io.vigil.common.LogEvent;
import io.vigil.common.Severity;
import io.vigil.detection.condition.EventFields;
import io.vigil.detection.parse.RuleError;
import io.vigil.detection.parse.RuleFiles;
import io.vigil.detection.parse.YamlDocuments;
import io.vigil.detection.parse.YamlMap;
import io.vigil.detection.rule.RuleSyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a rule's test file:
 *
 * <pre>
 * rule: ssh-brute-force            # optional: defaults to the rule file beside this one
 * cases:
 *   - name: five failures in a minute raise one alert
 *     start: 2026-03-01T10:00:00Z  # optional
 *     events:
 *       - {at: 0s, host: web-01, event.action: ssh_login, source.ip: 203.0.113.7}
 *       - repeat: 4
 *         every: 10s
 *         event: {host: web-01, event.action: ssh_login, source.ip: 203.0.113.7}
 *     expect:
 *       - {group_key: source.ip=203.0.113.7, count: 5, first_seen: 0s, last_seen: 40s}
 * </pre>
 */
public final class RuleTestParser {
    /** Where a case's timeline starts unless it says otherwise. */
    public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

    private static final Set<String> FILE_KEYS = Set.of("rule", "cases");
    private static final Set<String> CASE_KEYS = Set.of("name", "start", "events", "expect", "tagged");
    private static final Set<String> EVENT_META = Set.of("at", "timestamp", "id");
    private static final Set<String> REPEAT_KEYS = Set.of("repeat", "every", "at", "event");
    private static final Set<String> EXPECT_KEYS =
            Set.of("rule", "group_key", "host", "severity", "count", "first_seen", "last_seen", "event_ids", "summary");

    private final String file;

    private RuleTestParser(String file) {
        this.file = file;
    }

    /** The test file, or the errors that make it unusable. */
    public record Parsed(RuleTestFile tests, List<RuleError> errors) {}

    public static Parsed parse(Path path, String text) {
        RuleTestParser parser = new RuleTestParser(path.toString());
        try {
            return new Parsed(parser.file(path, text), List.of());
        } catch (RuleSyntaxException e) {
            return new Parsed(null, List.of(new RuleError(path.toString(), e.line(), e.getMessage())));
        }
    }

    private RuleTestFile file(Path path, String text) throws RuleSyntaxException {
        // The rule files' reader: the same alias limit, the same errors.
        Node root = YamlDocuments.single(text, "the test file");
        Map<String, Node> top = mapping(root, "the test file", FILE_KEYS);
        String ruleId = top.containsKey("rule") ? text(top.get("rule"), "rule") : null;
        Node casesNode = top.get("cases");
        if (casesNode == null) {
            throw new RuleSyntaxException(line(root), "the test file needs 'cases'");
        }
        List<RuleTestFile.Case> cases = new ArrayList<>();
        for (Node node : list(casesNode, "cases")) {
            cases.add(testCase(node));
        }
        if (cases.isEmpty()) {
            throw new RuleSyntaxException(line(casesNode), "cases is empty");
        }
        return new RuleTestFile(file, ruleId, RuleFiles.ruleFileOf(path).toString(), cases);
    }

    private RuleTestFile.Case testCase(Node node) throws RuleSyntaxException {
        Map<String, Node> c = mapping(node, "a case", CASE_KEYS);
        String name = c.containsKey("name") ? text(c.get("name"), "name") : null;
        if (name == null) {
            throw new RuleSyntaxException(line(node), "every case needs a 'name'");
        }
        Instant start = c.containsKey("start") ? instant(c.get("start"), "start") : DEFAULT_START;
        if (!c.containsKey("events")) {
            throw new RuleSyntaxException(line(node), "case '" + name + "' needs 'events'");
        }
        List<LogEvent> events = new ArrayList<>();
        long previous = -1000;
        for (Node item : list(c.get("events"), "events")) {
            Map<String, Node> entry = mapping(item, "an event", null);
            if (entry.containsKey("repeat")) {
                requireKeys(entry, REPEAT_KEYS, "a repeat block", item);
                long times = integer(entry.get("repeat"), "repeat");
                if (times < 1 || times > 10_000) {
                    throw new RuleSyntaxException(line(entry.get("repeat")), "repeat must be from 1 to 10000");
                }
                long every = entry.containsKey("every") ? offset(entry.get("every"), "every") : 1000;
                long at = entry.containsKey("at") ? offset(entry.get("at"), "at") : previous + 1000;
                Node template = entry.get("event");
                if (template == null) {
                    throw new RuleSyntaxException(line(item), "a repeat block needs 'event'");
                }
                for (int i = 0; i < times; i++) {
                    events.add(event(template, start, at + i * every, events.size()));
                }
                previous = at + (times - 1) * every;
            } else {
                long at = entry.containsKey("at")
                        ? offset(entry.get("at"), "at")
                        : entry.containsKey("timestamp")
                                ? instant(entry.get("timestamp"), "timestamp").toEpochMilli() - start.toEpochMilli()
                                : previous + 1000;
                events.add(event(item, start, at, events.size()));
                previous = at;
            }
        }
        List<RuleTestFile.Expected> expected = new ArrayList<>();
        if (!c.containsKey("expect")) {
            throw new RuleSyntaxException(
                    line(node), "case '" + name + "' needs 'expect' (a list of alerts; [] for none)");
        }
        for (Node item : list(c.get("expect"), "expect")) {
            expected.add(expected(item, start));
        }
        List<String> tagged = null;
        if (c.containsKey("tagged")) {
            tagged = new ArrayList<>();
            for (Node id : list(c.get("tagged"), "tagged")) {
                tagged.add(text(id, "an event id"));
            }
        }
        return new RuleTestFile.Case(name, line(node), start, events, expected, tagged);
    }

    private LogEvent event(Node node, Instant start, long at, int index) throws RuleSyntaxException {
        Map<String, Node> fields = mapping(node, "an event", null);
        LogEvent e = new LogEvent();
        e.id = fields.containsKey("id") ? text(fields.get("id"), "id") : "e" + (index + 1);
        e.topic = "rules-test";
        e.offset = index;
        e.timestamp = start.toEpochMilli() + at;
        e.ingested = e.timestamp;
        e.host = "test-host";
        e.severity = Severity.LOW.name();
        e.message = "";
        boolean metric = false;
        for (Map.Entry<String, Node> field : fields.entrySet()) {
            String name = field.getKey();
            if (EVENT_META.contains(name)) {
                continue;
            }
            if (!EventFields.isKnown(name)) {
                String guess = EventFields.closest(name);
                throw new RuleSyntaxException(
                        line(field.getValue()),
                        "unknown event field '" + name + "'"
                                + (guess != null ? " (did you mean '" + guess + "'?)" : ""));
            }
            Object value = value(field.getValue(), name);
            metric |= EventFields.isMetric(name);
            set(e, name, value, line(field.getValue()));
        }
        if (e.kind == null) {
            e.kind = metric ? Fields.KIND_METRIC : Fields.KIND_EVENT;
        }
        return e;
    }

    private static void set(LogEvent e, String name, Object value, int line) throws RuleSyntaxException {
        switch (name) {
            case Fields.HOST:
                e.host = String.valueOf(value);
                return;
            case Fields.KIND:
                e.kind = String.valueOf(value);
                return;
            case Fields.MESSAGE:
                e.message = String.valueOf(value);
                return;
            case Fields.TOPIC:
                e.topic = String.valueOf(value);
                return;
            case Fields.SEVERITY:
                e.severity = String.valueOf(value);
                return;
            case Fields.CPU_USAGE:
                e.cpuUsage = number(value, name, line);
                return;
            case "memory_usage.percentage":
                e.memoryPercentage = number(value, name, line);
                return;
            case "memory_usage.used":
                e.memoryUsed = number(value, name, line).longValue();
                return;
            case "memory_usage.total":
                e.memoryTotal = number(value, name, line).longValue();
                return;
            case "network.in_bytes_per_sec":
                e.networkIn = number(value, name, line);
                return;
            case "network.out_bytes_per_sec":
                e.networkOut = number(value, name, line);
                return;
            default:
                e.fields.put(name, value);
        }
    }

    private static Double number(Object value, String name, int line) throws RuleSyntaxException {
        if (value instanceof Number) {
            return ((Number) value).doubleValue();
        }
        throw new RuleSyntaxException(line, name + " must be a number, got '" + value + "'");
    }

    private RuleTestFile.Expected expected(Node node, Instant start) throws RuleSyntaxException {
        Map<String, Node> map = mapping(node, "an expected alert", EXPECT_KEYS);
        Map<String, Object> properties = new LinkedHashMap<>();
        String ruleId = null;
        for (Map.Entry<String, Node> entry : map.entrySet()) {
            Node value = entry.getValue();
            switch (entry.getKey()) {
                case "rule":
                    ruleId = text(value, "rule");
                    break;
                case "count":
                    properties.put("count", integer(value, "count"));
                    break;
                case "severity":
                    String severity = text(value, "severity");
                    if (Severity.parse(severity).isEmpty()) {
                        throw new RuleSyntaxException(
                                line(value), "severity must be one of LOW, MEDIUM, HIGH, CRITICAL");
                    }
                    properties.put("severity", severity.toUpperCase(java.util.Locale.ROOT));
                    break;
                case "first_seen":
                case "last_seen":
                    properties.put(entry.getKey(), time(value, start, entry.getKey()));
                    break;
                case "event_ids":
                    List<String> ids = new ArrayList<>();
                    for (Node id : list(value, "event_ids")) {
                        ids.add(text(id, "an event id"));
                    }
                    properties.put("event_ids", ids);
                    break;
                default:
                    properties.put(entry.getKey(), text(value, entry.getKey()));
            }
        }
        return new RuleTestFile.Expected(line(node), ruleId, properties);
    }

    /** A time in an expectation: an offset from the case start ({@code 40s}) or an ISO instant. */
    private static Instant time(Node node, Instant start, String what) throws RuleSyntaxException {
        String text = text(node, what);
        if (!text.isEmpty() && (Character.isDigit(text.charAt(0)) || text.charAt(0) == '-') && !text.contains("T")) {
            return start.plusMillis(offset(node, what));
        }
        return instant(node, what);
    }

    /** An offset from the case start: a duration, optionally negative ({@code -1h}). */
    private static long offset(Node node, String what) throws RuleSyntaxException {
        String text = text(node, what).trim();
        boolean negative = text.startsWith("-");
        String magnitude = negative || text.startsWith("+") ? text.substring(1) : text;
        try {
            Duration d = Durations.parse(magnitude);
            return negative ? -d.toMillis() : d.toMillis();
        } catch (IllegalArgumentException e) {
            throw new RuleSyntaxException(line(node), what + ": " + e.getMessage());
        }
    }

    private static Instant instant(Node node, String what) throws RuleSyntaxException {
        String text = text(node, what);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new RuleSyntaxException(
                    line(node), what + " must be an ISO-8601 instant such as 2026-01-01T10:00:00Z, got '" + text + "'");
        }
    }

    private static Map<String, Node> mapping(Node node, String what, Set<String> allowed) throws RuleSyntaxException {
        if (!(node instanceof MappingNode)) {
            throw new RuleSyntaxException(line(node), what + " must be a mapping of key: value");
        }
        Map<String, Node> map = new LinkedHashMap<>();
        for (NodeTuple tuple : ((MappingNode) node).getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode)) {
                throw new RuleSyntaxException(line(tuple.getKeyNode()), "keys of " + what + " must be plain text");
            }
            String key = ((ScalarNode) tuple.getKeyNode()).getValue();
            if (allowed != null && !allowed.contains(key)) {
                throw new RuleSyntaxException(
                        line(tuple.getKeyNode()),
                        "unknown field '" + key + "' in " + what + " (known: "
                                + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
            if (map.put(key, tuple.getValueNode()) != null) {
                throw new RuleSyntaxException(line(tuple.getKeyNode()), "'" + key + "' given twice in " + what);
            }
        }
        return map;
    }

    private static void requireKeys(Map<String, Node> map, Set<String> allowed, String what, Node node)
            throws RuleSyntaxException {
        for (String key : map.keySet()) {
            if (!allowed.contains(key)) {
                throw new RuleSyntaxException(
                        line(node),
                        "unknown field '" + key + "' in " + what + " (known: "
                                + String.join(", ", new TreeSet<>(allowed)) + "; event fields go under 'event')");
            }
        }
    }

    private static List<Node> list(Node node, String what) throws RuleSyntaxException {
        if (!(node instanceof SequenceNode)) {
            throw new RuleSyntaxException(line(node), what + " must be a list");
        }
        return ((SequenceNode) node).getValue();
    }

    private static String text(Node node, String what) throws RuleSyntaxException {
        if (!(node instanceof ScalarNode)) {
            throw new RuleSyntaxException(line(node), what + " must be a single value");
        }
        return ((ScalarNode) node).getValue();
    }

    private static long integer(Node node, String what) throws RuleSyntaxException {
        Object value = value(node, what);
        if (!(value instanceof Long)) {
            throw new RuleSyntaxException(line(node), what + " must be a whole number, got '" + value + "'");
        }
        return (Long) value;
    }

    /** A typed scalar, or a list of them (array fields). */
    private static Object value(Node node, String what) throws RuleSyntaxException {
        if (node instanceof SequenceNode) {
            List<Object> values = new ArrayList<>();
            for (Node item : ((SequenceNode) node).getValue()) {
                values.add(value(item, what));
            }
            return values;
        }
        if (!(node instanceof ScalarNode)) {
            throw new RuleSyntaxException(line(node), what + " must be a value or a list of values");
        }
        return YamlMap.scalar(node, what); // typed as in rule files: YAML 1.1's yes and on are true
    }

    private static int line(Node node) {
        return node == null ? 0 : node.getStartMark().getLine() + 1;
    }
}
