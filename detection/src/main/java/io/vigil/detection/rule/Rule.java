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
 * @param summary   the summary template, or null for the default summary
 * @param source    the file the rule came from, as given to the loader
 */
public record Rule(String id, String title, String description, Severity severity, List<Escalation> escalations,
                   List<String> tags, boolean enabled, RuleKind kind, List<String> groupBy, Duration suppress,
                   SummaryTemplate summary, Condition condition, ThresholdSpec threshold, CountSpec count,
                   SequenceSpec sequence, String source, int line) implements Serializable {

    /**
     * The uid of one of the rule's operators: derived from the id (stable across edits of
     * everything else) and the kind (changing the kind changes the state's shape, so it must
     * not restore the old state).
     */
    public String uid(String part) {
        return "rule-" + id + "-" + kind.value() + (part.isEmpty() ? "" : "-" + part);
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
        switch (kind) {
            case COUNT: return count.within();
            case SEQUENCE: return sequence.within();
            case THRESHOLD: return threshold.holdFor().compareTo(threshold.maxGap()) > 0 ? threshold.holdFor() : threshold.maxGap();
            default: return Duration.ZERO;
        }
    }
}
