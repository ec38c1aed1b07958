package io.vigil.detection.rule;

import io.vigil.common.LogEvent;
import io.vigil.common.Severity;
import io.vigil.detection.condition.Condition;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * One detection rule, as parsed and validated from its YAML file (see rules/README.md). It is
 * the compiled form: conditions are ready to run, so operators carry the rule itself.
 *
 * @param condition the event condition: for {@code match} and {@code count} the events that
 *                  count, for {@code threshold} which events are samples (may be
 *                  {@link Condition#ALWAYS}), unused for {@code sequence} (steps have their own)
 * @param spec      what the rule's kind adds: its window, threshold, count bounds or steps
 * @param summary   the summary template, or null for the default summary
 * @param source    the file the rule came from, as given to the loader
 * @param activation whether and how the rule runs: its logsource, dormant or not, live or shadow
 */
public record Rule(
        String id,
        String title,
        String description,
        Severity severity,
        List<Escalation> escalations,
        List<String> tags,
        boolean enabled,
        KindSpec spec,
        List<String> groupBy,
        Duration suppress,
        SummaryTemplate summary,
        Condition condition,
        String source,
        int line,
        Activation activation)
        implements Serializable {

    /**
     * How a rule runs, beside what it detects.
     *
     * @param logsource the logsource the rule declared ({@code product=linux service=sshd}), or null
     * @param dormant   why the rule can never match (no Vigil source produces its events, or it tests
     *                  a field Vigil does not keep), or null when it runs: a dormant rule is loaded and
     *                  listed, never attached to the stream
     * @param shadow    {@code mode: shadow}: the rule runs and writes its alerts marked shadow, which
     *                  count in no badge and notify nobody; events are not tagged with it
     */
    public record Activation(String logsource, String dormant, boolean shadow) implements Serializable {
        public static final Activation LIVE = new Activation(null, null, false);
    }

    /** Runs in the job: enabled and not dormant. */
    public boolean runs() {
        return enabled && activation.dormant() == null;
    }

    public boolean dormant() {
        return activation.dormant() != null;
    }

    public boolean shadow() {
        return activation.shadow();
    }

    public Rule withEnabled(boolean enabled) {
        return copy(enabled, spec, condition, activation);
    }

    public Rule withActivation(Activation activation) {
        return copy(enabled, spec, condition, activation);
    }

    /** The rule with another event condition (a logsource's scope put in front of it). */
    public Rule withCondition(Condition condition, KindSpec spec) {
        return copy(enabled, spec, condition, activation);
    }

    /** The one copy with changes: what the {@code with} methods may change, the rest kept. */
    private Rule copy(boolean enabled, KindSpec spec, Condition condition, Activation activation) {
        return new Rule(
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
                condition,
                source,
                line,
                activation);
    }

    public RuleKind kind() {
        return spec.kind();
    }

    /** This count rule's spec; a rule of another kind has none, and asking is a defect. */
    public CountSpec count() {
        return spec(CountSpec.class);
    }

    /** This threshold rule's spec (see {@link #count}). */
    public ThresholdSpec threshold() {
        return spec(ThresholdSpec.class);
    }

    /** This sequence rule's spec (see {@link #count}). */
    public SequenceSpec sequence() {
        return spec(SequenceSpec.class);
    }

    private <T extends KindSpec> T spec(Class<T> type) {
        if (!type.isInstance(spec)) {
            throw new IllegalStateException(
                    "rule " + id + " is a " + kind().value() + " rule, not " + type.getSimpleName());
        }
        return type.cast(spec);
    }

    /**
     * The uid of one of the rule's operators: derived from the id (stable across edits of
     * everything else) and the kind (changing the kind changes the state's shape, so it must
     * not restore the old state).
     */
    public String uid(String part) {
        return "rule-" + id + "-" + kind().value() + (part.isEmpty() ? "" : "-" + part);
    }

    /** The rule's severity for one evidence event: the base, raised by every escalation it meets. */
    public Severity severityFor(LogEvent event) {
        Severity result = severity;
        for (Escalation escalation : escalations) {
            if (escalation.severity().compareTo(result) > 0 && escalation.when().test(event)) {
                result = escalation.severity();
            }
        }
        return result;
    }

    /** The time span the rule's evidence may cover (count / sequence window, threshold hold), zero for match. */
    public Duration window() {
        return spec.window();
    }
}
