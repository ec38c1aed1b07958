package io.vigil.common;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The asset inventory, {@code rules/assets.yml}: host globs → owner, environment, criticality and
 * host group. The one reader of the file: the job enriches events with it, the query service
 * routes notifications by its groups. Entries are tried in order and the first whose
 * {@code hosts} match wins, even when it names no group; globs are read by {@link Globs}.
 *
 * <p>One validation for both sides; an error is {@code file:line: message}, every error of the
 * file at once. A missing or empty file is an empty inventory. Otherwise the top level must hold
 * an {@code assets:} list; each entry must be a mapping with a {@code hosts:} list of globs; the
 * four attributes, when given, must be single values and are kept as written ({@code group: yes}
 * is "yes", {@code owner: 010} is "010", not YAML 1.1's {@code true} and {@code 8}); a key given
 * twice in one mapping is an error. Other keys are ignored, as they always were. Anchors and
 * {@code <<:} merge keys work, within {@link YamlLoading}'s alias limit.
 */
public final class AssetsFile {
    /** An entry of the inventory: its host globs and the attributes it gives them (null: not given). */
    public record Asset(List<String> hosts, String owner, String environment, String criticality, String group) {
        public Asset {
            hosts = List.copyOf(hosts);
        }

        /** The event fields this entry adds ({@code asset.owner}, ...), the attributes it gives only. */
        public Map<String, String> fields() {
            Map<String, String> fields = new LinkedHashMap<>();
            put(fields, "asset.owner", owner);
            put(fields, "asset.environment", environment);
            put(fields, "asset.criticality", criticality);
            put(fields, "asset.group", group);
            return Map.copyOf(fields);
        }

        private static void put(Map<String, String> fields, String name, String value) {
            if (value != null) {
                fields.put(name, value);
            }
        }
    }

    public static final AssetsFile EMPTY = new AssetsFile(List.of());

    private static final List<String> ATTRIBUTES = List.of("owner", "environment", "criticality", "group");

    private final List<Asset> assets;
    private final List<List<Pattern>> hosts;

    private AssetsFile(List<Asset> assets) {
        this.assets = List.copyOf(assets);
        this.hosts = assets.stream()
                .map(a -> a.hosts().stream().map(Globs::toPattern).toList())
                .toList();
    }

    /** The file's inventory; an absent file is {@link #EMPTY}. Throws with every mistake of the file. */
    public static AssetsFile read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return EMPTY;
        }
        return parse(Files.readString(file), file.toString());
    }

    /** The inventory in {@code text}; {@code where} names the file in errors. */
    public static AssetsFile parse(String text, String where) throws IOException {
        LoaderOptions options = YamlLoading.options();
        options.setAllowDuplicateKeys(false);
        Merges merges = new Merges(options);
        List<String> errors = new ArrayList<>();
        List<Asset> assets = new ArrayList<>();
        try {
            Node root = YamlLoading.compose(new StringReader(text));
            if (root == null || isNull(root)) {
                return EMPTY;
            }
            Node list = root instanceof MappingNode map ? merges.flatten(map).get("assets") : null;
            if (!(list instanceof SequenceNode entries)) {
                throw new IOException(where + ":" + line(list == null ? root : list)
                        + ": expected a top-level `assets:` list (`assets: []` for none)");
            }
            for (int i = 0; i < entries.getValue().size(); i++) {
                Asset asset = asset(entries.getValue().get(i), "assets[" + i + "]", merges, errors, where);
                if (asset != null) {
                    assets.add(asset);
                }
            }
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            throw new IOException(
                    where + ":" + (mark == null ? 0 : mark.getLine() + 1) + ": not valid YAML: " + problem.trim(), e);
        } catch (YAMLException e) {
            throw new IOException(where + ": not valid YAML: " + e.getMessage(), e);
        }
        if (!errors.isEmpty()) {
            throw new IOException(String.join("\n", errors));
        }
        return new AssetsFile(assets);
    }

    private static Asset asset(Node node, String what, Merges merges, List<String> errors, String where) {
        if (!(node instanceof MappingNode mapping)) {
            errors.add(
                    where + ":" + line(node) + ": " + what + ": an entry is a mapping with a `hosts:` list of globs");
            return null;
        }
        Map<String, Node> entry = merges.flatten(mapping);
        int before = errors.size();
        List<String> hosts = new ArrayList<>();
        Node hostsNode = entry.get("hosts");
        if (!(hostsNode instanceof SequenceNode sequence)) {
            errors.add(where + ":" + line(hostsNode == null ? node : hostsNode) + ": " + what
                    + ": every asset entry needs a `hosts:` list of globs");
        } else {
            for (Node host : sequence.getValue()) {
                String glob = text(host);
                if (glob == null) {
                    errors.add(where + ":" + line(host) + ": " + what + ".hosts: a host glob must be text");
                } else {
                    hosts.add(glob);
                }
            }
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String name : ATTRIBUTES) {
            Node value = entry.get(name);
            if (value == null || isNull(value)) {
                continue;
            }
            String text = text(value);
            if (text == null) {
                errors.add(where + ":" + line(value) + ": " + what + "." + name + ": must be a single value");
            } else {
                attributes.put(name, text);
            }
        }
        return errors.size() > before
                ? null
                : new Asset(
                        hosts,
                        attributes.get("owner"),
                        attributes.get("environment"),
                        attributes.get("criticality"),
                        attributes.get("group"));
    }

    /** Every entry, in file order. */
    public List<Asset> assets() {
        return assets;
    }

    /** The first entry whose globs match the host (case-sensitive, whole name), or null. */
    public Asset assetOf(String host) {
        if (host == null) {
            return null;
        }
        for (int i = 0; i < assets.size(); i++) {
            for (Pattern glob : hosts.get(i)) {
                if (glob.matcher(host).matches()) {
                    return assets.get(i);
                }
            }
        }
        return null;
    }

    public int size() {
        return assets.size();
    }

    /** A scalar's text as written (no YAML 1.1 typing), or null when the node is not a non-null scalar. */
    private static String text(Node node) {
        return node instanceof ScalarNode scalar && !isNull(scalar) ? scalar.getValue() : null;
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL);
    }

    private static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    /**
     * SnakeYAML's own resolution of {@code <<:} merge keys and duplicate keys, on the composed
     * nodes (so values keep their lines). Keys are read as plain text.
     */
    private static final class Merges extends SafeConstructor {
        Merges(LoaderOptions options) {
            super(options);
            setAllowDuplicateKeys(options.isAllowDuplicateKeys()); // not taken from the options by the constructor
        }

        Map<String, Node> flatten(MappingNode mapping) {
            flattenMapping(mapping);
            Map<String, Node> values = new LinkedHashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key) {
                    values.put(key.getValue(), tuple.getValueNode());
                }
            }
            return values;
        }
    }
}
