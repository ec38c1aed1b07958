package io.vigil.common;

import java.io.InputStream;
import java.io.Reader;
import java.util.Locale;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.reader.UnicodeReader;

/**
 * How every Vigil YAML file is read: rules, rule tests, Sigma files, assets, anomaly, protection,
 * the grok tables, and (through Jackson) the query service's channels and secrets. Loaders that
 * built their own SnakeYAML with default options had drifted from the rule files (50 aliases
 * where rules allow 20); they all take their options from here now.
 *
 * <p>The YAML is 1.1 as SnakeYAML resolves it: {@code yes}, {@code on} and {@code true} (in the
 * cases it accepts) are true, {@code no}, {@code off} and {@code false} false, in every file. Plain
 * objects get that from {@link SafeConstructor}; readers of composed nodes ask {@link #isTrue}.
 */
public final class YamlLoading {
    /**
     * Aliases to lists and maps one file may hold. Each alias can double what a reader walks (a
     * "billion laughs" file), and no Vigil file needs more than a few anchors.
     */
    public static final int MAX_ALIASES = 20;

    /** SnakeYAML's own limit, said here so every reader (Jackson's too) has it; shipped files are under 20 KB. */
    public static final int MAX_CODE_POINTS = 3 * 1024 * 1024;

    /** The words SafeConstructor reads as true among those the YAML 1.1 resolver tags as booleans. */
    private static final Set<String> TRUE_WORDS = Set.of("true", "yes", "on");

    private YamlLoading() {}

    /** A fresh copy of the settings (LoaderOptions is mutable; a reader may add its own strictness). */
    public static LoaderOptions options() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setCodePointLimit(MAX_CODE_POINTS);
        return options;
    }

    /** The text's single document as plain maps, lists, strings, numbers and booleans (null when empty). */
    public static Object load(Reader text) {
        return new Yaml(new SafeConstructor(options())).load(text);
    }

    /** {@link #load(Reader)} of a stream whose encoding is read from its byte order mark (UTF-8 without). */
    public static Object load(InputStream in) {
        return load(new UnicodeReader(in));
    }

    /** The text's single document as nodes, which keep their lines (null when empty). */
    public static Node compose(Reader text) {
        return new Yaml(options()).compose(text);
    }

    /** Every document of the text as nodes; an empty document is null. */
    public static Iterable<Node> composeAll(Reader text) {
        return new Yaml(options()).composeAll(text);
    }

    /** Whether a scalar the resolver tagged {@link Tag#BOOL} is true, as {@link #load} would read it. */
    public static boolean isTrue(ScalarNode bool) {
        return TRUE_WORDS.contains(bool.getValue().toLowerCase(Locale.ROOT));
    }
}
