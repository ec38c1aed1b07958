package io.vigil.detection.sigma;

import io.vigil.common.Fields;
import io.vigil.common.Severity;
import io.vigil.detection.condition.Condition;
import io.vigil.detection.condition.ConditionParser;
import io.vigil.detection.condition.Modifier;
import io.vigil.detection.condition.Selections;
import io.vigil.detection.parse.RuleAttributes;
import io.vigil.detection.parse.RuleError;
import io.vigil.detection.parse.RuleErrors;
import io.vigil.detection.parse.RuleParser;
import io.vigil.detection.parse.SelectionGrammar;
import io.vigil.detection.parse.YamlDocuments;
import io.vigil.detection.parse.YamlMap;
import io.vigil.detection.rule.CountSpec;
import io.vigil.detection.rule.MatchSpec;
import io.vigil.detection.rule.Quantifier;
import io.vigil.detection.rule.Rule;
import io.vigil.detection.rule.RuleSyntaxException;
import io.vigil.detection.rule.SequenceSpec;
import io.vigil.detection.rule.Step;
import io.vigil.detection.runtime.SequencePatterns;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Compiles a Sigma file (one or more YAML documents: detection rules and correlation rules)
 * into the same {@link Rule}s native files give: a detection rule becomes a {@code match}
 * rule, an {@code event_count}/{@code value_count}/{@code temporal} correlation a {@code count}
 * rule and a {@code temporal_ordered} correlation a {@code sequence} rule. Field names go through the
 * {@link FieldMapping}; a field it cannot map is an error, never a rule that cannot fire.
 */
public final class SigmaParser {
    /** A native file never has these top-level keys; every Sigma rule has one of them. */
    private static final Pattern SIGMA = Pattern.compile("(?m)^(logsource|correlation)\\s*:");

    /** Native rules always have a kind; Sigma rules never do (a native rule may declare a logsource). */
    private static final Pattern NATIVE = Pattern.compile("(?m)^kind\\s*:");

    private final String file;
    private final Config config;
    private final FieldMapping mapping;
    private final Placeholders placeholders;
    private final RuleErrors errors;
    /** Detection rules of the file by {@code name} and {@code id}, for correlations to refer to. */
    private final Map<String, Compiled> byReference = new LinkedHashMap<>();
    /** The detection rule being compiled: its logsource's scope, and why it is dormant (null: it is not). */
    private Logsources.Scope scope;

    private String dormant;

    /** A detection rule with what a correlation over it needs: its condition and logsource. */
    private record Compiled(Rule rule, Logsources.Logsource logsource) {}

    /** What a Sigma rule is read with: field names, placeholder values, and which events each logsource means. */
    public record Config(FieldMapping mapping, Placeholders placeholders, Logsources logsources) {
        /** The configuration nearest to a rule file (see SigmaConfigFiles). */
        public static Config forRuleFile(Path path) throws RuleSyntaxException {
            try {
                return new Config(
                        FieldMapping.forRuleFile(path), Placeholders.forRuleFile(path), Logsources.forRuleFile(path));
            } catch (RuleSyntaxException e) {
                throw new RuleSyntaxException(0, e.getMessage());
            }
        }
    }

    private SigmaParser(String file, Config config) {
        this.file = file;
        this.config = config;
        this.mapping = config.mapping();
        this.placeholders = config.placeholders();
        this.errors = new RuleErrors(file);
    }

    public static boolean isSigma(String text) {
        return SIGMA.matcher(text).find() && !NATIVE.matcher(text).find();
    }

    /** Every rule of the file, or the errors; the rules are only valid when there are no errors. */
    public static RuleParser.Parsed parseAll(Path path, String text, List<Rule> out) {
        String file = path.toString();
        Config config;
        try {
            config = Config.forRuleFile(path);
        } catch (RuleSyntaxException e) {
            return new RuleParser.Parsed(null, List.of(new RuleError(file, 0, e.getMessage())));
        }
        return parseAll(file, text, config, out);
    }

    /** For tests of the language: every logsource runs, on every event ({@link Logsources#UNSCOPED}). */
    public static RuleParser.Parsed parseAll(String file, String text, FieldMapping mapping, List<Rule> out) {
        return parseAll(file, text, mapping, Placeholders.NONE, out);
    }

    /** For tests of the language: every logsource runs, on every event ({@link Logsources#UNSCOPED}). */
    public static RuleParser.Parsed parseAll(
            String file, String text, FieldMapping mapping, Placeholders placeholders, List<Rule> out) {
        return parseAll(file, text, new Config(mapping, placeholders, Logsources.UNSCOPED), out);
    }

    public static RuleParser.Parsed parseAll(String file, String text, Config config, List<Rule> out) {
        SigmaParser parser = new SigmaParser(file, config);
        List<Rule> rules = parser.documents(text);
        if (parser.errors.isEmpty()) {
            out.addAll(rules);
        }
        return new RuleParser.Parsed(
                parser.errors.isEmpty() && !rules.isEmpty() ? rules.get(0) : null, parser.errors.list());
    }

    private List<Rule> documents(String text) {
        List<Node> nodes;
        try {
            nodes = YamlDocuments.all(text);
        } catch (RuleSyntaxException e) {
            errors.add(e.line(), e.getMessage());
            return List.of();
        }
        if (nodes.isEmpty()) {
            errors.add(1, "the Sigma file is empty");
            return List.of();
        }
        List<YamlMap> correlations = new ArrayList<>();
        List<Rule> rules = new ArrayList<>();
        for (Node node : nodes) {
            try {
                YamlMap top = YamlMap.of(node, "a Sigma rule");
                if (top.has("correlation")) {
                    correlations.add(top);
                    continue;
                }
                Compiled compiled = detectionRule(top);
                rules.add(compiled.rule());
                byReference.put(compiled.rule().id(), compiled);
                String name = top.has("name") ? YamlMap.text(top.get("name").value(), "name") : null;
                if (name != null) {
                    byReference.put(name, compiled);
                }
            } catch (RuleSyntaxException e) {
                errors.add(e);
            }
        }
        for (YamlMap top : correlations) {
            try {
                Correlation correlation = correlation(top);
                rules.add(correlation.rule());
                if (!correlation.generate()) {
                    // Sigma: rules a correlation refers to raise nothing alone unless it says generate: true
                    for (int i = 0; i < rules.size(); i++) {
                        Rule r = rules.get(i);
                        if (correlation.referenced().contains(r.id())) {
                            rules.set(i, withEnabled(r, false));
                        }
                    }
                }
            } catch (RuleSyntaxException e) {
                errors.add(e);
            }
        }
        return rules;
    }

    private static Rule withEnabled(Rule r, boolean enabled) {
        return r.withEnabled(enabled);
    }

    // ---------------------------------------------------------------- detection rules

    private Compiled detectionRule(YamlMap top) throws RuleSyntaxException {
        int before = errors.size();
        Header header = header(top);
        Logsources.Logsource logsource = logsource(top);
        scope = config.logsources().scope(logsource);
        dormant = scope instanceof Logsources.Dormant d ? d.reason() : null;
        YamlMap.Entry detectionEntry = top.require("detection", "a Sigma rule");
        Detection detection = detection(YamlMap.of(detectionEntry.value(), "detection"), logsource);
        if (errors.size() > before || detection == null || header == null) {
            throw new RuleErrors.AlreadyReported();
        }
        // A rule sees only the events of its logsource; a dormant one sees none.
        Condition condition = dormant != null
                ? Condition.NEVER
                : Condition.and(List.of(((Logsources.Active) scope).when(), detection.condition()));
        Rule.Activation activation = new Rule.Activation(logsource.toString(), dormant, header.shadow);
        Rule rule = detection.count() != null
                ? countRule(header, detection.groupBy(), condition, detection.count(), top.line(), activation)
                : new Rule(
                        header.id,
                        header.title,
                        header.description,
                        header.severity,
                        List.of(),
                        header.tags,
                        header.enabled,
                        MatchSpec.INSTANCE,
                        RuleParser.DEFAULT_GROUP_BY,
                        RuleParser.DEFAULT_SUPPRESS,
                        null,
                        condition,
                        file,
                        top.line(),
                        activation);
        return new Compiled(rule, logsource);
    }

    private record Header(
            String id,
            String title,
            String description,
            Severity severity,
            List<String> tags,
            boolean enabled,
            boolean shadow) {}

    /** What detection and correlation rules share: id, title, level, tags, status. */
    private Header header(YamlMap top) {
        int before = errors.size();
        String title = attempt(() -> top.text("title", "a Sigma rule", true));
        String id = attempt(() -> id(top, title));
        String description = attempt(() -> {
            String d = top.text("description", "a Sigma rule", false);
            return d == null ? "" : d.trim();
        });
        Severity severity = attempt(() -> {
            YamlMap.Entry level = top.get("level");
            if (level == null) {
                return Severity.MEDIUM; // Sigma leaves level optional; medium is its own middle ground
            }
            String text = YamlMap.text(level.value(), "level");
            return SigmaLevels.severity(text)
                    .orElseThrow(() -> new RuleSyntaxException(
                            level.line(), "level '" + text + "' must be informational, low, medium, high or critical"));
        });
        List<String> tags = attempt(
                () -> RuleAttributes.tags(top.get("tags"), true, "like attack.t1110 or attack.credential-access"));
        Boolean enabled = attempt(() -> {
            String status = top.text("status", "a Sigma rule", false);
            // deprecated and unsupported rules are kept in the catalogue but not run, as Sigma intends
            return status == null || !(status.equals("deprecated") || status.equals("unsupported"));
        });
        // mode: live | shadow, as in native rules (a custom attribute, which Sigma allows)
        Boolean shadow = attempt(() -> RuleAttributes.shadowMode(top));
        return errors.size() > before ? null : new Header(id, title, description, severity, tags, enabled, shadow);
    }

    /** Sigma ids are UUIDs, which are valid Vigil ids; a rule without one is named after its file. */
    private String id(YamlMap top, String title) throws RuleSyntaxException {
        if (top.has("id")) {
            String id = YamlMap.text(top.get("id").value(), "id").toLowerCase(Locale.ROOT);
            if (!RuleAttributes.isId(id)) {
                throw new RuleSyntaxException(
                        top.get("id").line(), "id '" + id + "' must be a UUID or lower-case letters, digits and '-'");
            }
            return id;
        }
        String base = top.has("name")
                ? YamlMap.text(top.get("name").value(), "name")
                : Path.of(file).getFileName().toString().replaceFirst("\\.ya?ml$", "");
        String derived =
                base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (derived.isEmpty()) {
            throw new RuleSyntaxException(top.line(), "the rule needs an id");
        }
        return derived.length() > 64 ? derived.substring(0, 64) : derived;
    }

    private Logsources.Logsource logsource(YamlMap top) throws RuleSyntaxException {
        return RuleAttributes.logsource(top.require("logsource", "a Sigma rule"));
    }

    /** A detection block compiled: its condition and, for Sigma's legacy {@code | count()} form, the count rule's spec. */
    private record Detection(Condition condition, List<String> groupBy, CountSpec count) {}

    private Detection detection(YamlMap block, Logsources.Logsource logsource) throws RuleSyntaxException {
        Map<String, Condition> selections = new LinkedHashMap<>();
        YamlMap.Entry conditionEntry = null;
        YamlMap.Entry timeframe = null;
        boolean failed = false;
        for (YamlMap.Entry item : block.entries()) {
            if (item.key().equals("condition")) {
                conditionEntry = item;
                continue;
            }
            if (item.key().equals("timeframe")) {
                timeframe = item;
                continue;
            }
            Condition selection = selection(item, logsource);
            failed |= selection == null;
            selections.put(item.key(), selection == null ? Condition.ALWAYS : selection);
        }
        if (conditionEntry == null) {
            throw new RuleSyntaxException(block.line(), "detection needs a 'condition'");
        }
        String text = conditionText(conditionEntry);
        int bar = text.indexOf('|');
        Condition condition =
                ConditionParser.parse(bar < 0 ? text : text.substring(0, bar), selections, conditionEntry.line());
        if (bar < 0) {
            if (timeframe != null) {
                throw new RuleSyntaxException(
                        timeframe.line(), "timeframe needs an aggregation in the condition ('| count() > N')");
            }
            return failed ? null : new Detection(condition, null, null);
        }
        LegacyAggregation aggregation = LegacyAggregation.parse(text.substring(bar + 1), conditionEntry.line());
        if (timeframe == null) {
            throw new RuleSyntaxException(
                    conditionEntry.line(), "the aggregation '| count() ...' needs a timeframe beside it");
        }
        Duration within = RuleAttributes.duration(timeframe, "timeframe", null);
        String distinct = aggregation.distinctField() == null
                ? null
                : mappedUnlessDormant(aggregation.distinctField(), logsource, conditionEntry.line());
        List<String> groupBy = aggregation.groupBy() == null
                ? RuleParser.DEFAULT_GROUP_BY
                : List.of(mappedUnlessDormant(aggregation.groupBy(), logsource, conditionEntry.line()));
        int[] range = bounds(
                List.of(new Bound(aggregation.comparison(), aggregation.bound(), conditionEntry.line())),
                conditionEntry.line());
        return failed
                ? null
                : new Detection(condition, groupBy, new CountSpec(within, range[0], range[1], distinct, null));
    }

    /** A list of conditions (old Sigma) means any of them. */
    private static String conditionText(YamlMap.Entry entry) throws RuleSyntaxException {
        if (entry.value() instanceof SequenceNode) {
            List<String> parts = new ArrayList<>();
            for (String part : YamlMap.texts(entry.value(), "condition")) {
                parts.add("(" + part + ")");
            }
            return String.join(" or ", parts);
        }
        return YamlMap.text(entry.value(), "condition");
    }

    /** A map (fields ANDed), a list of maps (ORed), a list of keywords, or one keyword; every bad field is reported. */
    private Condition selection(YamlMap.Entry item, Logsources.Logsource logsource) {
        return attempt(() -> SelectionGrammar.selection(item, dialect(logsource), errors));
    }

    /** Sigma selections: field names through the mapping, keywords with Sigma's wildcards. */
    private SelectionGrammar.Dialect dialect(Logsources.Logsource logsource) {
        return new SelectionGrammar.Dialect() {
            @Override
            public Condition field(YamlMap.Entry field) throws RuleSyntaxException {
                return SigmaParser.this.field(field, logsource);
            }

            @Override
            public Condition keywords(YamlMap.Entry selection) throws RuleSyntaxException {
                return SigmaParser.keywords(
                        selection.key(), YamlMap.scalars(selection.value(), "keyword"), selection.line(), List.of());
            }

            @Override
            public boolean scalarIsKeyword() {
                return true;
            }
        };
    }

    /** Keywords search the whole line: Vigil keeps it in {@code message}. */
    private static Condition keywords(String name, List<Object> words, int line, List<Modifier> modifiers)
            throws RuleSyntaxException {
        List<Object> texts = new ArrayList<>();
        for (Object word : words) {
            if (word == null) {
                throw new RuleSyntaxException(line, "keyword list '" + name + "' holds null");
            }
            texts.add(word.toString());
        }
        return Selections.field(
                Fields.MESSAGE,
                modifiers.isEmpty() ? List.of(Modifier.CONTAINS) : modifiers,
                texts,
                line,
                Selections.Dialect.SIGMA);
    }

    private Condition field(YamlMap.Entry entry, Logsources.Logsource logsource) throws RuleSyntaxException {
        String key = entry.key();
        int bar = key.indexOf('|');
        String name = (bar < 0 ? key : key.substring(0, bar)).trim();
        String written = bar < 0 ? "" : key.substring(bar);
        List<Object> values = YamlMap.scalars(entry.value(), key);
        if (scope instanceof Logsources.Active active && active.notKept().contains(name) && dormant == null) {
            dormant = "tests '" + name + "', which Vigil does not keep for " + logsource + " (" + Logsources.FILE_NAME
                    + ")";
        }
        if (dormant != null) {
            // The rule cannot match whatever this field says: its names need not map (they are
            // the source's, which Vigil does not read), its syntax is still checked where it can be.
            return Condition.NEVER;
        }
        if (Modifier.mentions(written, Modifier.EXPAND)) {
            // placeholders are resolved here, so the matchers only ever see the site's real values
            values = expanded(values, key, entry.line());
        }
        if (name.isEmpty()) {
            // '|all: [a, b]' and the like: keywords with modifiers
            List<Modifier> modifiers = withoutExpand(Modifier.parse(written, Fields.MESSAGE, entry.line()));
            return keywords(
                    key,
                    values,
                    entry.line(),
                    modifiers.equals(List.of(Modifier.ALL)) ? List.of(Modifier.CONTAINS, Modifier.ALL) : modifiers);
        }
        FieldMapping.Target mappedTarget =
                mapping.target(logsource, name).orElseThrow(() -> unmapped(name, logsource, entry.line()));
        String target = mappedTarget.field();
        List<Modifier> modifiers = withoutExpand(Modifier.parse(written, target, entry.line()));
        boolean fieldref = modifiers.contains(Modifier.FIELDREF);
        if (mappedTarget.basename() && !fieldref) {
            return BasenameValues.condition(target, name, modifiers, values, entry.line());
        }
        if (mappedTarget.orMessage() && !fieldref) {
            return MessageFallback.condition(target, modifiers, values, entry.line());
        }
        if (target.equals(Fields.MESSAGE)
                && !name.equals(Fields.MESSAGE)
                && !(modifiers.contains(Modifier.CONTAINS) || modifiers.contains(Modifier.RE))) {
            throw new RuleSyntaxException(
                    entry.line(),
                    "field '" + name + "' is only searchable in message for " + logsource
                            + ": it needs |contains or |re");
        }
        if (fieldref) {
            List<Object> refs = new ArrayList<>();
            for (Object value : values) {
                refs.add(value == null ? null : mapped(value.toString(), logsource, entry.line()));
            }
            values = refs;
        }
        return Selections.field(target, modifiers, values, entry.line(), Selections.Dialect.SIGMA);
    }

    /** The modifiers without {@code expand}, which the compiler resolves itself. */
    private static List<Modifier> withoutExpand(List<Modifier> modifiers) {
        return modifiers.stream().filter(m -> m != Modifier.EXPAND).toList();
    }

    private List<Object> expanded(List<Object> values, String key, int line) throws RuleSyntaxException {
        List<Object> out = new ArrayList<>();
        for (Object value : values) {
            if (!(value instanceof String)) {
                throw new RuleSyntaxException(line, key + " needs a %placeholder% text, got " + value);
            }
            out.addAll(placeholders.expand((String) value, line));
        }
        return out;
    }

    private String mapped(String sigmaField, Logsources.Logsource logsource, int line) throws RuleSyntaxException {
        return mapping.resolve(logsource, sigmaField).orElseThrow(() -> unmapped(sigmaField, logsource, line));
    }

    /** A dormant rule's fields are its source's, which Vigil does not read: they need no mapping. */
    private String mappedUnlessDormant(String sigmaField, Logsources.Logsource logsource, int line)
            throws RuleSyntaxException {
        return dormant != null ? sigmaField : mapped(sigmaField, logsource, line);
    }

    private RuleSyntaxException unmapped(String sigmaField, Logsources.Logsource logsource, int line) {
        return new RuleSyntaxException(
                line,
                "unmapped field '" + sigmaField + "' for " + logsource + " (add it to " + FieldMapping.FILE_NAME + ": "
                        + mapping.describe() + ")");
    }

    // ---------------------------------------------------------------- correlations

    private record Correlation(Rule rule, List<String> referenced, boolean generate) {}

    private Correlation correlation(YamlMap top) throws RuleSyntaxException {
        int before = errors.size();
        Header header = header(top);
        YamlMap body = YamlMap.of(top.get("correlation").value(), "correlation");
        String type = body.text("type", "correlation", true);
        YamlMap.Entry rulesEntry = body.require("rules", "correlation");
        List<Compiled> referenced = new ArrayList<>();
        for (String ref : YamlMap.texts(rulesEntry.value(), "rules")) {
            Compiled compiled = byReference.get(ref);
            if (compiled == null) {
                throw new RuleSyntaxException(
                        rulesEntry.line(),
                        "correlation rule '" + ref + "' is not a rule (name or id) in this file"
                                + (errors.isEmpty() ? "" : " or it did not compile"));
            }
            referenced.add(compiled);
        }
        Logsources.Logsource logsource = referenced.get(0).logsource();
        // A correlation over a rule that can never match can never be met either.
        String dormantPart = referenced.stream()
                .filter(c -> c.rule().dormant())
                .findFirst()
                .map(c -> "correlates rule '" + c.rule().id() + "', which is dormant: "
                        + c.rule().activation().dormant())
                .orElse(null);
        List<String> groupBy = new ArrayList<>();
        YamlMap.Entry groupEntry = body.get("group-by");
        if (groupEntry != null) {
            for (String field : YamlMap.texts(groupEntry.value(), "group-by")) {
                groupBy.add(dormantPart != null ? field : mapped(field, logsource, groupEntry.line()));
            }
        }
        Duration timespan = RuleAttributes.duration(body.require("timespan", "correlation"), "timespan", null);
        boolean generate = body.bool("generate", "correlation", false) || top.bool("generate", "correlation", false);
        List<String> ids = referenced.stream().map(c -> c.rule().id()).toList();
        if (errors.size() > before || header == null) {
            throw new RuleErrors.AlreadyReported();
        }
        List<String> group = groupBy.isEmpty() ? RuleParser.DEFAULT_GROUP_BY : List.copyOf(groupBy);
        Condition any =
                Condition.or(referenced.stream().map(c -> c.rule().condition()).toList());
        Rule.Activation activation = new Rule.Activation(logsource.toString(), dormantPart, header.shadow);
        switch (type) {
            case "event_count":
            case "value_count": {
                YamlMap condition =
                        YamlMap.of(body.require("condition", "correlation").value(), "correlation condition");
                String distinct = null;
                if (type.equals("value_count")) {
                    YamlMap.Entry field = condition.require("field", "a value_count condition");
                    String name = YamlMap.text(field.value(), "field");
                    distinct = dormantPart != null ? name : mapped(name, logsource, field.line());
                }
                int[] bounds = bounds(bounds(condition), condition.line());
                CountSpec count = new CountSpec(timespan, bounds[0], bounds[1], distinct, null);
                return new Correlation(countRule(header, group, any, count, top.line(), activation), ids, generate);
            }
            case "temporal": {
                // every referenced rule met within the timespan, in any order: a count of the parts met
                if (referenced.size() > CountSpec.MAX_PARTS) {
                    throw new RuleSyntaxException(
                            rulesEntry.line(),
                            "a temporal correlation can refer to at most " + CountSpec.MAX_PARTS + " rules");
                }
                List<Condition> parts =
                        referenced.stream().map(c -> c.rule().condition()).toList();
                CountSpec count = new CountSpec(timespan, parts.size(), CountSpec.UNBOUNDED, null, parts);
                return new Correlation(countRule(header, group, any, count, top.line(), activation), ids, generate);
            }
            case "temporal_ordered": {
                List<Step> steps = new ArrayList<>();
                for (int i = 0; i < referenced.size(); i++) {
                    // step names must be unique and CEP-safe, so they are positional, not the rule names
                    steps.add(
                            new Step("step" + (i + 1), referenced.get(i).rule().condition(), Quantifier.ONCE, false));
                }
                Rule rule = new Rule(
                        header.id,
                        header.title,
                        header.description,
                        header.severity,
                        List.of(),
                        header.tags,
                        header.enabled,
                        new SequenceSpec(timespan, steps),
                        group,
                        RuleParser.DEFAULT_SUPPRESS,
                        null,
                        any,
                        file,
                        top.line(),
                        activation);
                SequencePatterns.check(rule, top.line());
                return new Correlation(rule, ids, generate);
            }
            default:
                throw new RuleSyntaxException(
                        body.get("type").line(),
                        "unknown correlation type '" + type
                                + "' (known: event_count, value_count, temporal, temporal_ordered)");
        }
    }

    private Rule countRule(
            Header header,
            List<String> group,
            Condition condition,
            CountSpec count,
            int line,
            Rule.Activation activation) {
        return new Rule(
                header.id,
                header.title,
                header.description,
                header.severity,
                List.of(),
                header.tags,
                header.enabled,
                count,
                group,
                RuleParser.DEFAULT_SUPPRESS,
                null,
                condition,
                file,
                line,
                activation);
    }

    /** One comparison of a count condition: {@code gte: 5} in a correlation, {@code >= 5} in a legacy aggregation. */
    record Bound(String comparison, long value, int line) {
        boolean lower() {
            return comparison.startsWith("g") || comparison.equals("eq");
        }

        boolean upper() {
            return comparison.startsWith("l") || comparison.equals("eq");
        }
    }

    /** A correlation's {@code condition} map as bounds ({@code field} is value_count's, not a bound). */
    static List<Bound> bounds(YamlMap condition) throws RuleSyntaxException {
        List<Bound> bounds = new ArrayList<>();
        for (YamlMap.Entry entry : condition.entries()) {
            String key = entry.key();
            if (key.equals("field")) {
                continue;
            }
            if (!List.of("gt", "gte", "lt", "lte", "eq").contains(key)) {
                throw new RuleSyntaxException(entry.line(), "unknown condition '" + key + "' (gte, gt, eq, lt, lte)");
            }
            bounds.add(new Bound(key, condition.integer(key, "condition", true, 0), entry.line()));
        }
        return bounds;
    }

    /**
     * The inclusive range {min, max} the bounds ask for ({@code max} is {@link CountSpec#UNBOUNDED}
     * without lt/lte/eq). With only an upper bound the minimum is 1: a group's window exists only
     * once one of its events matched.
     */
    static int[] bounds(List<Bound> bounds, int line) throws RuleSyntaxException {
        Integer min = null;
        Integer max = null;
        Bound lower = null;
        Bound upper = null;
        for (Bound bound : bounds) {
            if (bound.lower() && lower != null || bound.upper() && upper != null) {
                throw new RuleSyntaxException(
                        bound.line(),
                        "condition '" + bound.comparison() + "' conflicts with '"
                                + (bound.lower() && lower != null ? lower : upper).comparison()
                                + "': give at most one lower and one upper bound");
            }
            int value = (int) Math.min(bound.value(), Integer.MAX_VALUE - 1);
            switch (bound.comparison()) {
                case "gt":
                    min = value + 1;
                    break;
                case "gte":
                    min = value;
                    break;
                case "lt":
                    max = value - 1;
                    break;
                case "lte":
                    max = value;
                    break;
                default:
                    min = value;
                    max = value;
                    break;
            }
            lower = bound.lower() ? bound : lower;
            upper = bound.upper() ? bound : upper;
        }
        if (min == null && max == null) {
            throw new RuleSyntaxException(line, "the correlation condition needs gte, gt, eq, lt or lte");
        }
        int from = min == null ? 1 : Math.max(min, 1);
        int to = max == null ? CountSpec.UNBOUNDED : max;
        if (from > to) {
            throw new RuleSyntaxException(
                    line,
                    "the correlation condition can never be met (it asks for " + from + " to " + to
                            + ", and a window holds at least one event)");
        }
        return new int[] {from, to};
    }

    private <T> T attempt(RuleErrors.Part<T> part) {
        return errors.attempt(part);
    }
}
