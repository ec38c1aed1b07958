package io.vigil.detection.parse;

import io.vigil.common.YamlLoading;
import io.vigil.detection.rule.RuleSyntaxException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML mapping read through SnakeYAML's node API, so every key keeps its line. Typed getters
 * throw {@link RuleSyntaxException} at the line of the offending value.
 */
public final class YamlMap {
    /** One {@code key: value} of the mapping. */
    public record Entry(String key, int line, Node value) {}

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final int line;

    private YamlMap(int line) {
        this.line = line;
    }

    public static YamlMap of(Node node, String what) throws RuleSyntaxException {
        if (!(node instanceof MappingNode)) {
            throw new RuleSyntaxException(line(node), what + " must be a mapping of key: value");
        }
        YamlMap map = new YamlMap(line(node));
        for (NodeTuple tuple : ((MappingNode) node).getValue()) {
            Node key = tuple.getKeyNode();
            if (!(key instanceof ScalarNode)) {
                throw new RuleSyntaxException(line(key), "keys of " + what + " must be plain text");
            }
            String name = ((ScalarNode) key).getValue();
            Entry previous = map.entries.put(name, new Entry(name, line(key), tuple.getValueNode()));
            if (previous != null) {
                throw new RuleSyntaxException(
                        line(key),
                        "'" + name + "' given twice in " + what + " (first on line " + previous.line() + ")");
            }
        }
        return map;
    }

    public static int line(Node node) {
        return node == null ? 0 : node.getStartMark().getLine() + 1;
    }

    public int line() {
        return line;
    }

    public Collection<Entry> entries() {
        return entries.values();
    }

    public Entry get(String key) {
        return entries.get(key);
    }

    public boolean has(String key) {
        return entries.containsKey(key);
    }

    /** Reports the first key that is not one of {@code allowed}, naming the ones that are. */
    public void allowOnly(Collection<String> allowed, String where) throws RuleSyntaxException {
        for (Entry entry : entries.values()) {
            if (!allowed.contains(entry.key())) {
                throw new RuleSyntaxException(
                        entry.line(),
                        "unknown field '" + entry.key() + "' in " + where + " (known: "
                                + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
        }
    }

    public Entry require(String key, String where) throws RuleSyntaxException {
        Entry entry = entries.get(key);
        if (entry == null) {
            throw new RuleSyntaxException(line, where + " needs '" + key + "'");
        }
        return entry;
    }

    public String text(String key, String where, boolean required) throws RuleSyntaxException {
        Entry entry = required ? require(key, where) : entries.get(key);
        return entry == null ? null : text(entry.value(), key);
    }

    public static String text(Node node, String what) throws RuleSyntaxException {
        if (!(node instanceof ScalarNode) || ((ScalarNode) node).getTag().equals(Tag.NULL)) {
            throw new RuleSyntaxException(line(node), what + " must be text");
        }
        return ((ScalarNode) node).getValue();
    }

    /** A scalar as the typed value a rule compares with: Long, Double, Boolean, String or null. */
    public static Object scalar(Node node, String what) throws RuleSyntaxException {
        if (!(node instanceof ScalarNode)) {
            throw new RuleSyntaxException(line(node), what + " must be a single value");
        }
        ScalarNode scalar = (ScalarNode) node;
        String text = scalar.getValue();
        Tag tag = scalar.getTag();
        try {
            if (tag.equals(Tag.NULL)) {
                return null;
            }
            if (tag.equals(Tag.INT)) {
                return Long.parseLong(text.replace("_", ""));
            }
            if (tag.equals(Tag.FLOAT)) {
                return Double.parseDouble(text.replace("_", ""));
            }
            if (tag.equals(Tag.BOOL)) {
                return YamlLoading.isTrue(scalar);
            }
        } catch (NumberFormatException e) {
            return text; // YAML 1.1 forms Java does not read (0x1F, 1:30): keep them as written
        }
        return text;
    }

    /** A value or a list of values, as a list of typed scalars. */
    public static List<Object> scalars(Node node, String what) throws RuleSyntaxException {
        return oneOrList(node, what, YamlMap::scalar);
    }

    /** Text or a list of text. */
    public static List<String> texts(Node node, String what) throws RuleSyntaxException {
        return oneOrList(node, what, YamlMap::text);
    }

    /** How {@link #oneOrList} reads one value. */
    private interface ValueReader<T> {
        T read(Node node, String what) throws RuleSyntaxException;
    }

    /** A value or a list of values, each read by {@code reader}. */
    private static <T> List<T> oneOrList(Node node, String what, ValueReader<T> reader) throws RuleSyntaxException {
        List<T> values = new ArrayList<>();
        if (node instanceof SequenceNode) {
            for (Node item : ((SequenceNode) node).getValue()) {
                values.add(reader.read(item, what));
            }
        } else {
            values.add(reader.read(node, what));
        }
        return values;
    }

    public static List<Node> list(Node node, String what) throws RuleSyntaxException {
        if (!(node instanceof SequenceNode)) {
            throw new RuleSyntaxException(line(node), what + " must be a list");
        }
        return ((SequenceNode) node).getValue();
    }

    public long integer(String key, String where, boolean required, long fallback) throws RuleSyntaxException {
        Entry entry = required ? require(key, where) : entries.get(key);
        return entry == null ? fallback : typed(entry, key, where, Long.class, "a whole number");
    }

    public boolean bool(String key, String where, boolean fallback) throws RuleSyntaxException {
        Entry entry = entries.get(key);
        return entry == null ? fallback : typed(entry, key, where, Boolean.class, "true or false");
    }

    /** The entry's scalar, which must be a {@code type}: else an error that says it must be {@code expected}. */
    private static <T> T typed(Entry entry, String key, String where, Class<T> type, String expected)
            throws RuleSyntaxException {
        Object value = scalar(entry.value(), key);
        if (!type.isInstance(value)) {
            throw new RuleSyntaxException(
                    entry.line(), where + "." + key + " must be " + expected + ", got '" + value + "'");
        }
        return type.cast(value);
    }
}
