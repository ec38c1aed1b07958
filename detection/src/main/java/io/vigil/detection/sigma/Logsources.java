package io.vigil.detection.sigma;

import io.vigil.detection.condition.Condition;
import io.vigil.detection.parse.RuleParser;
import io.vigil.detection.parse.YamlDocuments;
import io.vigil.detection.parse.YamlMap;
import io.vigil.detection.rule.RuleSyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which events a logsource means (rules/sigma/logsources.yml): Sigma's {@code logsource} chooses
 * the events a rule sees, not only how its fields are named. A rule with {@code condition: not
 * selection} whose logsource were ignored would fire on every event Vigil stores.
 *
 * <p>Each entry names a logsource as rules write it and says either which events those are (a
 * condition in the rules' own selection syntax over fields the parsers set, such as
 * {@code event.module} or {@code process.name}) or why Vigil has none ({@code dormant}). A
 * logsource no entry names is dormant too: a rule is never run on events that are not its own.
 * The most specific entry wins (fewest {@code '*'}), the first in the file among equals.
 */
public final class Logsources {
    private static final String ANY = "*";
    public static final String FILE_NAME = "logsources.yml";
    /** No file: every logsource is dormant. */
    public static final Logsources NONE = new Logsources(null, List.of());
    /** Every logsource runs, on every event: for tests of the detection language, never for the job. */
    public static final Logsources UNSCOPED =
            new Logsources(null, List.of(new Entry(ANY, ANY, ANY, Condition.ALWAYS, null, Set.of())));

    private static final Set<String> ENTRY_KEYS =
            Set.of("product", "category", "service", "when", "dormant", "not_kept");
    private static final Map<Path, Logsources> CACHE = new HashMap<>();

    private final Path source;
    private final List<Entry> entries;

    private Logsources(Path source, List<Entry> entries) {
        this.source = source;
        this.entries = entries;
    }

    /** A rule's logsource: any part may be null. */
    public record Logsource(String product, String category, String service) {
        @Override
        public String toString() {
            StringBuilder text = new StringBuilder();
            append(text, "product", product);
            append(text, "category", category);
            append(text, "service", service);
            return text.length() == 0 ? "no logsource" : text.toString();
        }

        private static void append(StringBuilder text, String name, String value) {
            if (value != null) {
                text.append(text.length() > 0 ? " " : "")
                        .append(name)
                        .append('=')
                        .append(value);
            }
        }
    }

    /** What the file says about one logsource. */
    public sealed interface Scope permits Active, Dormant {
        Logsource logsource();
    }

    /**
     * The logsource's events are those {@code when} matches. {@code notKept}: fields the source has
     * but Vigil does not keep; a rule testing one is dormant, as it could never match.
     */
    public record Active(Logsource logsource, Condition when, Set<String> notKept) implements Scope {}

    /** No Vigil source produces the logsource's events: its rules load, are listed, never run. */
    public record Dormant(Logsource logsource, String reason) implements Scope {}

    private record Entry(
            String product, String category, String service, Condition when, String dormant, Set<String> notKept) {
        boolean covers(Logsource ls) {
            return part(product, ls.product()) && part(category, ls.category()) && part(service, ls.service());
        }

        int specificity() {
            return (ANY.equals(product) ? 0 : 1) + (ANY.equals(category) ? 0 : 1) + (ANY.equals(service) ? 0 : 1);
        }

        private static boolean part(String entry, String rule) {
            return ANY.equals(entry) || (entry == null ? rule == null : entry.equals(rule));
        }
    }

    /** The scope of a logsource: the most specific entry that covers it, else dormant. */
    public Scope scope(Logsource logsource) {
        Entry best = null;
        for (Entry entry : entries) {
            if (entry.covers(logsource) && (best == null || entry.specificity() > best.specificity())) {
                best = entry;
            }
        }
        if (best == null) {
            return new Dormant(
                    logsource,
                    "no Vigil source produces " + logsource + " events (" + FILE_NAME + ": "
                            + (source == null ? "none found" : source.toString()) + ")");
        }
        if (best.dormant() != null) {
            return new Dormant(logsource, best.dormant());
        }
        return new Active(logsource, best.when(), best.notKept());
    }

    /** The logsources that apply to a rule file (see {@link SigmaConfigFiles}), or none. */
    public static Logsources forRuleFile(Path ruleFile) throws RuleSyntaxException {
        Optional<Path> file = SigmaConfigFiles.nearest(ruleFile, FILE_NAME);
        return file.isPresent() ? load(file.get()) : NONE;
    }

    /** Reads (once per run) and checks a logsources file. */
    public static Logsources load(Path file) throws RuleSyntaxException {
        return SigmaConfigFiles.readOnce(CACHE, file, text -> of(file, text));
    }

    /** For tests: the file's text as if read from {@code file}. */
    public static Logsources of(Path file, String text) throws RuleSyntaxException {
        YamlMap top = YamlMap.of(YamlDocuments.single(text, "logsources"), FILE_NAME);
        top.allowOnly(Set.of("logsources"), FILE_NAME);
        List<Entry> entries = new ArrayList<>();
        for (var node : YamlMap.list(top.require("logsources", FILE_NAME).value(), "logsources")) {
            entries.add(entry(YamlMap.of(node, "a logsource")));
        }
        return new Logsources(file, List.copyOf(entries));
    }

    private static Entry entry(YamlMap map) throws RuleSyntaxException {
        map.allowOnly(ENTRY_KEYS, "a logsource");
        String product = lower(map, "product");
        String category = lower(map, "category");
        String service = lower(map, "service");
        if (product == null && category == null && service == null) {
            throw new RuleSyntaxException(map.line(), "a logsource names at least one of product, category, service");
        }
        YamlMap.Entry when = map.get("when");
        String dormant = map.text("dormant", "a logsource", false);
        if ((when == null) == (dormant == null)) {
            throw new RuleSyntaxException(
                    map.line(),
                    "a logsource needs exactly one of 'when' (which events) " + "and 'dormant' (why Vigil has none)");
        }
        Set<String> notKept = map.has("not_kept")
                ? Set.copyOf(YamlMap.texts(map.get("not_kept").value(), "not_kept"))
                : Set.of();
        return new Entry(
                product, category, service, when == null ? null : RuleParser.selection(when), dormant, notKept);
    }

    private static String lower(YamlMap map, String key) throws RuleSyntaxException {
        String value = map.text(key, "a logsource", false);
        return value == null ? null : value.toLowerCase(java.util.Locale.ROOT);
    }
}
