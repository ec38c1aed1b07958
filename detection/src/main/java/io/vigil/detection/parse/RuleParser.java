package io.vigil.detection.parse;

import io.vigil.common.Fields;
import io.vigil.common.Severity;
import io.vigil.detection.condition.Comparison;
import io.vigil.detection.condition.Condition;
import io.vigil.detection.condition.ConditionParser;
import io.vigil.detection.condition.EventFields;
import io.vigil.detection.condition.Selections;
import io.vigil.detection.rule.CountSpec;
import io.vigil.detection.rule.Escalation;
import io.vigil.detection.rule.KindSpec;
import io.vigil.detection.rule.MatchSpec;
import io.vigil.detection.rule.Quantifier;
import io.vigil.detection.rule.Rule;
import io.vigil.detection.rule.RuleKind;
import io.vigil.detection.rule.RuleSyntaxException;
import io.vigil.detection.rule.SequenceSpec;
import io.vigil.detection.rule.Step;
import io.vigil.detection.rule.SummaryTemplate;
import io.vigil.detection.rule.ThresholdSpec;
import io.vigil.detection.runtime.SequencePatterns;
import io.vigil.detection.sigma.Logsources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads one rule file (see rules/README.md) into a compiled {@link Rule}, or into the list of
 * everything wrong with it, each with its line. Sections are checked independently so one run
 * of {@code ./vigil rules validate} reports every problem of a file, not just the first.
 */
public final class RuleParser {
    public static final Duration DEFAULT_SUPPRESS = Duration.ofMinutes(10);
    public static final Duration DEFAULT_MAX_GAP = Duration.ofMinutes(5);
    public static final List<String> DEFAULT_GROUP_BY = List.of(Fields.HOST);

    private static final Set<String> TOP_LEVEL = Set.of(
            "id",
            "title",
            "description",
            "severity",
            "escalate",
            "tags",
            "enabled",
            "kind",
            "group_by",
            "suppress",
            "summary",
            "detection",
            "threshold",
            "count",
            "sequence",
            "mode",
            "logsource",
            // documentation only, as in Sigma
            "author",
            "references",
            "falsepositives");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
    private static final Pattern TIMES = Pattern.compile("(\\d+)\\s*\\.\\.\\s*(\\d*)");

    /** The outcome for one file: the rule when it is valid, otherwise its errors. */
    public record Parsed(Rule rule, List<RuleError> errors) {
        public boolean valid() {
            return rule != null && errors.isEmpty();
        }
    }

    private final String file;
    private final RuleErrors errors;

    private RuleParser(String file) {
        this.file = file;
        this.errors = new RuleErrors(file);
    }

    public static Parsed parse(String file, String text) {
        RuleParser parser = new RuleParser(file);
        Rule rule = null;
        try {
            Node root = YamlDocuments.single(text, "a rule file");
            rule = parser.rule(YamlMap.of(root, "the rule"));
        } catch (RuleSyntaxException e) {
            parser.errors.add(e);
        }
        return new Parsed(parser.errors.isEmpty() ? rule : null, parser.errors.list());
    }

    private <T> T attempt(RuleErrors.Part<T> part) {
        return errors.attempt(part);
    }

    private Rule rule(YamlMap top) throws RuleSyntaxException {
        attempt(() -> {
            top.allowOnly(TOP_LEVEL, "the rule");
            return null;
        });
        String id = attempt(() -> {
            String value = top.text("id", "a rule", true);
            if (!RuleAttributes.isId(value)) {
                throw new RuleSyntaxException(
                        top.get("id").line(),
                        "id '" + value
                                + "' must be lower-case letters, digits and '-' (at most 64), e.g. ssh-brute-force");
            }
            return value;
        });
        String title = attempt(() -> top.text("title", "a rule", true));
        String description = attempt(() ->
                Optional.ofNullable(top.text("description", "a rule", false)).orElse(""));
        Severity severity = attempt(() -> severity(top.require("severity", "a rule")));
        List<String> tags = attempt(() -> RuleAttributes.tags(
                top.get("tags"), false, "lower case, e.g. attack.t1110 or attack.credential_access"));
        Boolean enabled = attempt(() -> top.bool("enabled", "rule", true));
        RuleKind kind = attempt(() -> {
            YamlMap.Entry entry = top.require("kind", "a rule");
            String value = YamlMap.text(entry.value(), "kind");
            return RuleKind.parse(value)
                    .orElseThrow(() -> new RuleSyntaxException(
                            entry.line(), "unknown kind '" + value + "' (known: match, threshold, count, sequence)"));
        });
        List<String> groupBy = attempt(() -> groupBy(top.get("group_by")));
        Duration suppress =
                attempt(() -> RuleAttributes.positiveDuration(top.get("suppress"), "suppress", DEFAULT_SUPPRESS));
        if (kind == null) {
            return null; // nothing below can be checked without the kind
        }
        Detection detection = attempt(() -> detection(top.get("detection"), kind, top.line()));
        for (RuleKind other : RuleKind.values()) {
            if (other != kind && other != RuleKind.MATCH && top.has(other.value())) {
                YamlMap.Entry misplaced = top.get(other.value());
                errors.add(
                        misplaced.line(),
                        "'" + other.value() + "' belongs to " + other.value() + " rules; this rule is kind "
                                + kind.value());
            }
        }
        KindSpec spec = switch (kind) {
            case MATCH -> MatchSpec.INSTANCE;
            case THRESHOLD -> attempt(() -> threshold(top.require("threshold", "a threshold rule")));
            case COUNT -> attempt(() -> count(top.require("count", "a count rule (the window is missing)")));
            case SEQUENCE ->
                detection == null
                        ? null
                        : attempt(() -> sequence(top.require("sequence", "a sequence rule"), detection));
        };
        List<Escalation> escalations = attempt(() -> escalations(top.get("escalate"), severity));
        CountSpec countSpec = spec instanceof CountSpec c ? c : null;
        SummaryTemplate summary = attempt(() -> summary(top.get("summary"), kind, countSpec));
        Boolean shadow = attempt(() -> RuleAttributes.shadowMode(top));
        String ruleFile = file;
        Logsources.Scope scope = attempt(() -> top.has("logsource")
                ? Logsources.forRuleFile(java.nio.file.Path.of(ruleFile))
                        .scope(RuleAttributes.logsource(top.get("logsource")))
                : null);
        if (!errors.isEmpty() || detection == null) {
            return null;
        }
        Rule rule = scoped(
                new Rule(
                        id,
                        title,
                        description,
                        severity,
                        escalations,
                        tags,
                        enabled,
                        spec,
                        groupBy,
                        suppress,
                        summary,
                        detection.condition,
                        file,
                        top.line(),
                        Rule.Activation.LIVE),
                scope,
                shadow);
        if (kind == RuleKind.SEQUENCE) {
            attempt(() -> {
                SequencePatterns.check(rule, top.get("sequence").line());
                return null;
            });
        }
        return errors.isEmpty() ? rule : null;
    }

    /**
     * A native rule's {@code logsource} narrows it to that logsource's events, as for Sigma rules
     * (rules/sigma/logsources.yml); dormant there, it is dormant here.
     */
    private static Rule scoped(Rule rule, Logsources.Scope scope, boolean shadow) {
        if (scope == null) {
            return rule.withActivation(new Rule.Activation(null, null, shadow));
        }
        String logsource = scope.logsource().toString();
        if (scope instanceof Logsources.Dormant dormant) {
            return rule.withCondition(Condition.NEVER, withSteps(rule.spec(), step -> Condition.NEVER))
                    .withActivation(new Rule.Activation(logsource, dormant.reason(), shadow));
        }
        Condition when = ((Logsources.Active) scope).when();
        return rule.withCondition(
                        Condition.and(List.of(when, rule.condition())),
                        withSteps(rule.spec(), step -> Condition.and(List.of(when, step))))
                .withActivation(new Rule.Activation(logsource, null, shadow));
    }

    /** A sequence's spec with every step's condition replaced; another kind's spec as it is. */
    private static KindSpec withSteps(KindSpec spec, java.util.function.UnaryOperator<Condition> condition) {
        if (!(spec instanceof SequenceSpec sequence)) {
            return spec;
        }
        return new SequenceSpec(
                sequence.within(),
                sequence.steps().stream()
                        .map(s -> new Step(s.name(), condition.apply(s.condition()), s.quantifier(), s.strict()))
                        .toList());
    }

    private static Severity severity(YamlMap.Entry entry) throws RuleSyntaxException {
        String value = YamlMap.text(entry.value(), entry.key());
        return Severity.parse(value)
                .orElseThrow(() -> new RuleSyntaxException(
                        entry.line(), entry.key() + " '" + value + "' must be one of LOW, MEDIUM, HIGH, CRITICAL"));
    }

    private static List<String> groupBy(YamlMap.Entry entry) throws RuleSyntaxException {
        if (entry == null) {
            return DEFAULT_GROUP_BY;
        }
        List<String> fields = YamlMap.texts(entry.value(), "group_by");
        if (fields.isEmpty()) {
            throw new RuleSyntaxException(entry.line(), "group_by needs at least one field");
        }
        for (String field : fields) {
            Selections.checkField(field, entry.line());
        }
        return List.copyOf(fields);
    }

    /** The named selections and, for every kind but sequence, the condition over them. */
    private record Detection(Map<String, Condition> selections, Condition condition) {}

    private Detection detection(YamlMap.Entry entry, RuleKind kind, int ruleLine) throws RuleSyntaxException {
        if (entry == null) {
            if (kind == RuleKind.THRESHOLD) {
                return new Detection(Map.of(), Condition.ALWAYS);
            }
            throw new RuleSyntaxException(ruleLine, "a " + kind.value() + " rule needs 'detection'");
        }
        SelectionGrammar.Block block =
                SelectionGrammar.Block.of(YamlMap.of(entry.value(), "detection"), Set.of("condition"));
        YamlMap.Entry conditionEntry = block.get("condition");
        SelectionGrammar.Compiled compiled = SelectionGrammar.selections(block.selections(), NATIVE, errors);
        Map<String, Condition> selections = compiled.byName();
        boolean failed = compiled.failed();
        if (selections.isEmpty() && !failed) {
            throw new RuleSyntaxException(entry.line(), "detection defines no selection");
        }
        if (kind == RuleKind.SEQUENCE) {
            if (conditionEntry != null) {
                throw new RuleSyntaxException(
                        conditionEntry.line(),
                        "a sequence rule has no detection.condition: each step has its own condition");
            }
            if (failed) {
                throw new RuleErrors.AlreadyReported();
            }
            return new Detection(selections, Condition.ALWAYS);
        }
        if (conditionEntry == null) {
            throw new RuleSyntaxException(
                    entry.line(),
                    "detection needs a 'condition', e.g. condition: "
                            + (selections.isEmpty()
                                    ? "selection"
                                    : selections.keySet().iterator().next()));
        }
        String text = YamlMap.text(conditionEntry.value(), "condition");
        Condition condition = ConditionParser.parse(text, selections, conditionEntry.line());
        return failed ? null : new Detection(selections, condition);
    }

    /**
     * Native selections: identifiers as names, Vigil's own field names, plain-substring keywords.
     * In a detection block every bad field of a mapping is reported; in a list of mappings, the first.
     */
    private static final SelectionGrammar.Dialect NATIVE = new SelectionGrammar.Dialect() {
        @Override
        public Condition field(YamlMap.Entry field) throws RuleSyntaxException {
            return Selections.field(field.key(), YamlMap.scalars(field.value(), field.key()), field.line());
        }

        @Override
        public Condition keywords(YamlMap.Entry selection) throws RuleSyntaxException {
            return Selections.keywords(YamlMap.texts(selection.value(), "keyword"));
        }

        @Override
        public boolean scalarIsKeyword() {
            return false;
        }

        @Override
        public boolean reportsEachAlternative() {
            return false;
        }

        @Override
        public void checkName(YamlMap.Entry selection) throws RuleSyntaxException {
            if (!NAME.matcher(selection.key()).matches()) {
                throw new RuleSyntaxException(
                        selection.line(),
                        "selection name '" + selection.key()
                                + "' must be letters, digits, '_' or '-', starting with a letter or '_'");
            }
        }
    };

    /** A mapping (fields ANDed), a list of mappings (ORed), or a list of keywords; the first bad field is thrown. */
    public static Condition selection(YamlMap.Entry item) throws RuleSyntaxException {
        return SelectionGrammar.selection(item, NATIVE, null);
    }

    private static CountSpec count(YamlMap.Entry entry) throws RuleSyntaxException {
        YamlMap block = YamlMap.of(entry.value(), "count");
        block.allowOnly(Set.of("within", "at_least", "distinct"), "count");
        Duration within = within(entry, block, "count", "60s");
        long atLeast = block.integer("at_least", "count", true, 0);
        if (atLeast < 1 || atLeast > 100_000) {
            throw new RuleSyntaxException(block.get("at_least").line(), "count.at_least must be from 1 to 100000");
        }
        String distinct = block.text("distinct", "count", false);
        if (distinct != null) {
            Selections.checkField(distinct, block.get("distinct").line());
        }
        return new CountSpec(within, (int) atLeast, distinct);
    }

    /** A count or sequence block's window: required there, and longer than 0. */
    private static Duration within(YamlMap.Entry entry, YamlMap block, String kind, String example)
            throws RuleSyntaxException {
        if (!block.has("within")) {
            throw new RuleSyntaxException(
                    entry.line(), "window missing: " + kind + " needs 'within' (e.g. within: " + example + ")");
        }
        return RuleAttributes.positiveDuration(block.get("within"), kind + ".within", null);
    }

    private static ThresholdSpec threshold(YamlMap.Entry entry) throws RuleSyntaxException {
        YamlMap block = YamlMap.of(entry.value(), "threshold");
        block.allowOnly(Set.of("field", "gt", "gte", "lt", "lte", "samples", "for", "max_gap"), "threshold");
        String field = block.text("field", "threshold", true);
        Selections.checkField(field, block.get("field").line());
        Comparison comparison = null;
        double value = 0;
        for (Comparison c : Comparison.values()) {
            YamlMap.Entry bound = block.get(c.modifier());
            if (bound == null) {
                continue;
            }
            if (comparison != null) {
                throw new RuleSyntaxException(bound.line(), "threshold takes one of gt, gte, lt, lte");
            }
            Object number = YamlMap.scalar(bound.value(), c.modifier());
            if (!(number instanceof Long || number instanceof Double)) {
                throw new RuleSyntaxException(
                        bound.line(), "threshold." + c.modifier() + " needs a number, got '" + number + "'");
            }
            comparison = c;
            value = ((Number) number).doubleValue();
        }
        if (comparison == null) {
            throw new RuleSyntaxException(entry.line(), "threshold needs one of gt, gte, lt, lte (e.g. gt: 90)");
        }
        if (!block.has("samples") && !block.has("for")) {
            throw new RuleSyntaxException(
                    entry.line(),
                    "window missing: threshold needs 'samples' (consecutive samples) or 'for' (a duration), or both");
        }
        long samples = block.integer("samples", "threshold", false, 1);
        if (samples < 1 || samples > 10_000) {
            throw new RuleSyntaxException(block.get("samples").line(), "threshold.samples must be from 1 to 10000");
        }
        Duration holdFor = RuleAttributes.duration(block.get("for"), "threshold.for", Duration.ZERO);
        Duration maxGap = RuleAttributes.positiveDuration(block.get("max_gap"), "threshold.max_gap", DEFAULT_MAX_GAP);
        return new ThresholdSpec(field, comparison, value, (int) samples, holdFor, maxGap);
    }

    private SequenceSpec sequence(YamlMap.Entry entry, Detection detection) throws RuleSyntaxException {
        YamlMap block = YamlMap.of(entry.value(), "sequence");
        block.allowOnly(Set.of("within", "contiguity", "steps"), "sequence");
        Duration within = within(entry, block, "sequence", "10m");
        boolean strict = contiguity(block, "sequence", false);
        List<Node> stepNodes = YamlMap.list(block.require("steps", "sequence").value(), "sequence.steps");
        if (stepNodes.isEmpty()) {
            throw new RuleSyntaxException(block.get("steps").line(), "sequence.steps is empty");
        }
        List<Step> steps = new ArrayList<>();
        Set<String> names = new java.util.HashSet<>();
        for (Node node : stepNodes) {
            Step step = attempt(() -> step(YamlMap.of(node, "a step"), detection, strict));
            if (step != null && !names.add(step.name())) {
                errors.add(YamlMap.line(node), "step name '" + step.name() + "' is used twice");
            }
            steps.add(step);
        }
        if (steps.contains(null)) {
            return null;
        }
        if (steps.stream().allMatch(s -> s.quantifier().optional())) {
            throw new RuleSyntaxException(block.get("steps").line(), "at least one step must not be optional");
        }
        return new SequenceSpec(within, List.copyOf(steps));
    }

    private static Step step(YamlMap step, Detection detection, boolean sequenceStrict) throws RuleSyntaxException {
        step.allowOnly(Set.of("name", "condition", "times", "optional", "contiguity"), "a step");
        String name = step.text("name", "a step", true);
        if (!NAME.matcher(name).matches()) {
            throw new RuleSyntaxException(
                    step.get("name").line(),
                    "step name '" + name + "' must be letters, digits, '_' or '-', starting with a letter or '_'");
        }
        YamlMap.Entry conditionEntry = step.require("condition", "step '" + name + "'");
        Condition condition = ConditionParser.parse(
                YamlMap.text(conditionEntry.value(), "condition"), detection.selections(), conditionEntry.line());
        int min = 1;
        int max = 1;
        YamlMap.Entry times = step.get("times");
        if (times != null) {
            Object value = YamlMap.scalar(times.value(), "times");
            if (value instanceof Long) {
                min = max = (int) (long) (Long) value;
            } else {
                java.util.regex.Matcher m = TIMES.matcher(String.valueOf(value));
                if (!m.matches()) {
                    throw new RuleSyntaxException(
                            times.line(), "times '" + value + "' must be N, N..M or N.. (N or more)");
                }
                min = Integer.parseInt(m.group(1));
                max = m.group(2).isEmpty() ? Quantifier.UNBOUNDED : Integer.parseInt(m.group(2));
            }
            if (min < 1 || min > 1000 || (max != Quantifier.UNBOUNDED && (max < min || max > 1000))) {
                throw new RuleSyntaxException(times.line(), "times must be from 1 to 1000, with N <= M in N..M");
            }
        }
        boolean optional = step.bool("optional", "step", false);
        return new Step(name, condition, new Quantifier(min, max, optional), contiguity(step, "step", sequenceStrict));
    }

    private static boolean contiguity(YamlMap block, String where, boolean fallback) throws RuleSyntaxException {
        String value = block.text("contiguity", where, false);
        if (value == null) {
            return fallback;
        }
        if (!value.equals("strict") && !value.equals("relaxed")) {
            throw new RuleSyntaxException(
                    block.get("contiguity").line(), where + ".contiguity must be strict or relaxed");
        }
        return value.equals("strict");
    }

    private static List<Escalation> escalations(YamlMap.Entry entry, Severity base) throws RuleSyntaxException {
        if (entry == null) {
            return List.of();
        }
        List<Escalation> escalations = new ArrayList<>();
        for (Node node : YamlMap.list(entry.value(), "escalate")) {
            YamlMap item = YamlMap.of(node, "an escalation");
            item.allowOnly(Set.of("severity", "when"), "an escalation");
            Severity to = severity(item.require("severity", "an escalation"));
            if (base != null && to.compareTo(base) <= 0) {
                throw new RuleSyntaxException(
                        item.get("severity").line(),
                        "an escalation must raise the severity above " + base + ", not to " + to);
            }
            YamlMap.Entry when = item.require("when", "an escalation");
            escalations.add(new Escalation(to, selection(when)));
        }
        return List.copyOf(escalations);
    }

    private static SummaryTemplate summary(YamlMap.Entry entry, RuleKind kind, CountSpec count)
            throws RuleSyntaxException {
        if (entry == null) {
            return null;
        }
        SummaryTemplate template;
        try {
            template = SummaryTemplate.parse(YamlMap.text(entry.value(), "summary"));
        } catch (IllegalArgumentException e) {
            throw new RuleSyntaxException(entry.line(), e.getMessage());
        }
        for (String field : template.eventFields()) {
            if (!EventFields.isKnown(field)) {
                throw new RuleSyntaxException(
                        entry.line(),
                        "summary: unknown placeholder {" + field
                                + "} (alert values: "
                                + String.join(", ", new java.util.TreeSet<>(SummaryTemplate.ALERT_VALUES))
                                + ", or an event field)");
            }
        }
        String text = template.toString();
        if (text.contains("{distinct}") && (kind != RuleKind.COUNT || count == null || !count.countsDistinct())) {
            throw new RuleSyntaxException(
                    entry.line(), "summary: {distinct} is only known to count rules with 'distinct'");
        }
        if ((text.contains("{max}") || text.contains("{min}")) && kind != RuleKind.THRESHOLD) {
            throw new RuleSyntaxException(entry.line(), "summary: {max} and {min} are only known to threshold rules");
        }
        return template;
    }
}
