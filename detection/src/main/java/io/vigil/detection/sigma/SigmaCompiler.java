package io.vigil.detection.sigma;

import io.vigil.common.Fields;
import io.vigil.detection.condition.Condition;
import io.vigil.detection.condition.ConditionParser;
import io.vigil.detection.condition.Modifier;
import io.vigil.detection.condition.Selections;
import io.vigil.detection.parse.RuleAttributes;
import io.vigil.detection.parse.RuleErrors;
import io.vigil.detection.parse.RuleParser;
import io.vigil.detection.parse.SelectionGrammar;
import io.vigil.detection.parse.YamlMap;
import io.vigil.detection.rule.CountSpec;
import io.vigil.detection.rule.KindSpec;
import io.vigil.detection.rule.MatchSpec;
import io.vigil.detection.rule.Quantifier;
import io.vigil.detection.rule.Rule;
import io.vigil.detection.rule.RuleSyntaxException;
import io.vigil.detection.rule.SequenceSpec;
import io.vigil.detection.rule.Step;
import io.vigil.detection.runtime.SequencePatterns;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The last phase of compiling a Sigma file: read documents, with their fields mapped by the
 * {@link SigmaFieldMapper}, into the same {@link Rule}s native files give. A detection rule
 * becomes a {@code match} rule (a {@code count} rule with the legacy {@code | count()}), an
 * {@code event_count}/{@code value_count}/{@code temporal} correlation a {@code count} rule and
 * a {@code temporal_ordered} correlation a {@code sequence} rule.
 */
record SigmaCompiler(String file, RuleErrors errors, SigmaFieldMapper mapper) {
    /** What the compiler makes of a document. */
    sealed interface Compiled {
        /** A detection rule with what a correlation over it needs: its condition and logsource. */
        record DetectionRule(Rule rule, Logsources.Logsource logsource) implements Compiled {}

        /** A correlation's rule, the ids of the rules it refers to, and whether they alert alone. */
        record Correlation(Rule rule, List<String> referenced, boolean generate) implements Compiled {}
    }

    // ---------------------------------------------------------------- detection rules

    /**
     * @param before how many errors the file had before the document was read: any more, and
     *     the rule is not made (its errors are reported)
     */
    Compiled.DetectionRule detectionRule(SigmaDocument.DetectionRule read, int before) throws RuleSyntaxException {
        SigmaFieldMapper.RuleFields fields = mapper.forRule(read.logsource());
        Detection detection = detection(read, fields);
        SigmaDocument.Header header = read.header();
        if (errors.size() > before || detection == null || header == null) {
            throw new RuleErrors.AlreadyReported();
        }
        // A rule sees only the events of its logsource; a dormant one sees none.
        String dormant = fields.dormant();
        Condition condition =
                dormant != null ? Condition.NEVER : Condition.and(List.of(fields.when(), detection.condition()));
        Rule.Activation activation = new Rule.Activation(read.logsource().toString(), dormant, header.shadow());
        int line = read.top().line();
        Rule rule = detection.count() != null
                ? rule(header, detection.count(), detection.groupBy(), condition, line, activation)
                : rule(header, MatchSpec.INSTANCE, RuleParser.DEFAULT_GROUP_BY, condition, line, activation);
        return new Compiled.DetectionRule(rule, read.logsource());
    }

    /** A detection block compiled: its condition and, for Sigma's legacy {@code | count()} form, the count rule's spec. */
    private record Detection(Condition condition, List<String> groupBy, CountSpec count) {}

    private Detection detection(SigmaDocument.DetectionRule rule, SigmaFieldMapper.RuleFields fields)
            throws RuleSyntaxException {
        SelectionGrammar.Compiled compiled = SelectionGrammar.selections(rule.selections(), dialect(fields), errors);
        Map<String, Condition> selections = compiled.byName();
        boolean failed = compiled.failed();
        if (rule.condition() == null) {
            throw new RuleSyntaxException(rule.detection().line(), "detection needs a 'condition'");
        }
        String text = conditionText(rule.condition());
        int bar = text.indexOf('|');
        Condition condition = ConditionParser.parse(
                bar < 0 ? text : text.substring(0, bar),
                selections,
                rule.condition().line());
        if (bar < 0) {
            if (rule.timeframe() != null) {
                throw new RuleSyntaxException(
                        rule.timeframe().line(), "timeframe needs an aggregation in the condition ('| count() > N')");
            }
            return failed ? null : new Detection(condition, null, null);
        }
        LegacyAggregation aggregation = LegacyAggregation.parse(
                text.substring(bar + 1), rule.condition().line());
        if (rule.timeframe() == null) {
            throw new RuleSyntaxException(
                    rule.condition().line(), "the aggregation '| count() ...' needs a timeframe beside it");
        }
        Duration within = RuleAttributes.duration(rule.timeframe(), "timeframe", null);
        String distinct = aggregation.distinctField() == null
                ? null
                : fields.mappedUnlessDormant(
                        aggregation.distinctField(), rule.condition().line());
        List<String> groupBy = aggregation.groupBy() == null
                ? RuleParser.DEFAULT_GROUP_BY
                : List.of(fields.mappedUnlessDormant(
                        aggregation.groupBy(), rule.condition().line()));
        int[] range = bounds(
                List.of(new Bound(
                        aggregation.comparison(),
                        aggregation.bound(),
                        rule.condition().line())),
                rule.condition().line());
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

    /** Sigma selections: field names through the mapping, keywords with Sigma's wildcards. */
    private static SelectionGrammar.Dialect dialect(SigmaFieldMapper.RuleFields fields) {
        return new SelectionGrammar.Dialect() {
            @Override
            public Condition field(YamlMap.Entry field) throws RuleSyntaxException {
                return SigmaCompiler.field(fields.field(field), field.line());
            }

            @Override
            public Condition keywords(YamlMap.Entry selection) throws RuleSyntaxException {
                return SigmaCompiler.keywords(
                        selection.key(), YamlMap.scalars(selection.value(), "keyword"), selection.line(), List.of());
            }

            @Override
            public boolean scalarIsKeyword() {
                return true;
            }

            @Override
            public boolean reportsEachAlternative() {
                return true;
            }
        };
    }

    private static Condition field(SigmaFieldMapper.MappedField field, int line) throws RuleSyntaxException {
        if (field == SigmaFieldMapper.MappedField.NEVER) {
            return Condition.NEVER;
        }
        List<Modifier> modifiers = field.modifiers();
        if (field.target() == null) {
            return keywords(
                    field.key(),
                    field.values(),
                    line,
                    modifiers.equals(List.of(Modifier.ALL)) ? List.of(Modifier.CONTAINS, Modifier.ALL) : modifiers);
        }
        FieldMapping.Target target = field.target();
        boolean fieldref = modifiers.contains(Modifier.FIELDREF);
        if (target.basename() && !fieldref) {
            return BasenameValues.condition(target.field(), field.sigmaName(), modifiers, field.values(), line);
        }
        if (target.orMessage() && !fieldref) {
            return MessageFallback.condition(target.field(), modifiers, field.values(), line);
        }
        return Selections.field(target.field(), modifiers, field.values(), line, Selections.Dialect.SIGMA);
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

    // ---------------------------------------------------------------- correlations

    /**
     * @param byReference the file's detection rules that compiled, by {@code name} and {@code id}
     * @param before how many errors the file had before the document was read
     */
    Compiled.Correlation correlation(
            SigmaDocument.Correlation correlation, Map<String, Compiled.DetectionRule> byReference, int before)
            throws RuleSyntaxException {
        SigmaDocument.Header header = correlation.header();
        if (correlation.refs().isEmpty()) {
            throw new RuleSyntaxException(
                    correlation.rules().line(),
                    "correlation names no rule: 'rules' lists the rules (name or id) it correlates");
        }
        List<Compiled.DetectionRule> referenced = new ArrayList<>();
        for (String ref : correlation.refs()) {
            Compiled.DetectionRule compiled = byReference.get(ref);
            if (compiled == null) {
                throw new RuleSyntaxException(
                        correlation.rules().line(),
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
        YamlMap.Entry groupEntry = correlation.body().get("group-by");
        if (groupEntry != null) {
            for (String field : YamlMap.texts(groupEntry.value(), "group-by")) {
                groupBy.add(dormantPart != null ? field : mapper.mapped(field, logsource, groupEntry.line()));
            }
        }
        Duration timespan =
                RuleAttributes.duration(correlation.body().require("timespan", "correlation"), "timespan", null);
        boolean generate = correlation.body().bool("generate", "correlation", false)
                || correlation.top().bool("generate", "correlation", false);
        List<String> ids = referenced.stream().map(c -> c.rule().id()).toList();
        if (errors.size() > before || header == null) {
            throw new RuleErrors.AlreadyReported();
        }
        List<String> group = groupBy.isEmpty() ? RuleParser.DEFAULT_GROUP_BY : List.copyOf(groupBy);
        Condition any =
                Condition.or(referenced.stream().map(c -> c.rule().condition()).toList());
        Rule.Activation activation = new Rule.Activation(logsource.toString(), dormantPart, header.shadow());
        switch (correlation.type()) {
            case "event_count":
            case "value_count": {
                YamlMap condition = YamlMap.of(
                        correlation.body().require("condition", "correlation").value(), "correlation condition");
                String distinct = null;
                if (correlation.type().equals("value_count")) {
                    YamlMap.Entry field = condition.require("field", "a value_count condition");
                    String name = YamlMap.text(field.value(), "field");
                    distinct = dormantPart != null ? name : mapper.mapped(name, logsource, field.line());
                }
                int[] bounds = bounds(bounds(condition), condition.line());
                CountSpec count = new CountSpec(timespan, bounds[0], bounds[1], distinct, null);
                return new Compiled.Correlation(
                        rule(header, count, group, any, correlation.top().line(), activation), ids, generate);
            }
            case "temporal": {
                // every referenced rule met within the timespan, in any order: a count of the parts met
                if (referenced.size() > CountSpec.MAX_PARTS) {
                    throw new RuleSyntaxException(
                            correlation.rules().line(),
                            "a temporal correlation can refer to at most " + CountSpec.MAX_PARTS + " rules");
                }
                List<Condition> parts =
                        referenced.stream().map(c -> c.rule().condition()).toList();
                CountSpec count = new CountSpec(timespan, parts.size(), CountSpec.UNBOUNDED, null, parts);
                return new Compiled.Correlation(
                        rule(header, count, group, any, correlation.top().line(), activation), ids, generate);
            }
            case "temporal_ordered": {
                List<Step> steps = new ArrayList<>();
                for (int i = 0; i < referenced.size(); i++) {
                    // step names must be unique and CEP-safe, so they are positional, not the rule names
                    steps.add(
                            new Step("step" + (i + 1), referenced.get(i).rule().condition(), Quantifier.ONCE, false));
                }
                Rule rule = rule(
                        header,
                        new SequenceSpec(timespan, steps),
                        group,
                        any,
                        correlation.top().line(),
                        activation);
                SequencePatterns.check(rule, correlation.top().line());
                return new Compiled.Correlation(rule, ids, generate);
            }
            default:
                throw new RuleSyntaxException(
                        correlation.body().get("type").line(),
                        "unknown correlation type '" + correlation.type()
                                + "' (known: event_count, value_count, temporal, temporal_ordered)");
        }
    }

    /** A Sigma rule as Vigil's: no escalations, the default suppression and summary. */
    private Rule rule(
            SigmaDocument.Header header,
            KindSpec spec,
            List<String> group,
            Condition condition,
            int line,
            Rule.Activation activation) {
        return new Rule(
                header.id(),
                header.title(),
                header.description(),
                header.severity(),
                List.of(),
                header.tags(),
                header.enabled(),
                spec,
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
}
