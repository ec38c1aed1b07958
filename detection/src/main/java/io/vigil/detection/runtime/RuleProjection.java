package io.vigil.detection.runtime;

import io.vigil.common.LogEvent;
import io.vigil.common.Severity;
import io.vigil.detection.condition.Condition;
import io.vigil.detection.condition.ValueMatchers;
import io.vigil.detection.rule.CountSpec;
import io.vigil.detection.rule.Rule;
import io.vigil.detection.rule.RuleKind;
import io.vigil.detection.rule.Step;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether an event concerns a rule and, if so, reduces it to a {@link RuleInput}: for
 * {@code match} events meeting the condition, for {@code count} events meeting the condition
 * (and having the distinct field; for a count over parts, meeting any part), for
 * {@code threshold} the samples (the scope condition and a number in the field), for
 * {@code sequence} events meeting any step. Events without every {@code group_by} field
 * have no group and are left out.
 */
public final class RuleProjection implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Rule rule;
    /**
     * The rule's kind, read once: every event asks every stateful rule, and {@code rule.kind()}
     * is an interface call on one of four spec types that showed in JobCost's profile (issue 18).
     */
    private final RuleKind kind;

    private final GroupKey groupKey;
    private final String[] summaryFields;

    public RuleProjection(Rule rule) {
        this.rule = rule;
        this.kind = rule.kind();
        this.groupKey = new GroupKey(rule.groupBy());
        this.summaryFields = summaryFields(rule).toArray(new String[0]);
    }

    /** The summary template's event fields, in the order {@link RuleInput#summary} holds them. */
    static List<String> summaryFields(Rule rule) {
        return rule.summary() == null
                ? List.of()
                : new ArrayList<>(rule.summary().eventFields());
    }

    /** The rule's input from this event, or null when the event does not concern the rule. */
    public RuleInput project(LogEvent event) {
        // A switch expression: a new kind without a case here does not compile (a statement would,
        // and would pass every event to the rule unfiltered). Most events concern no given rule, so
        // an input is made only for those that do.
        RuleInput input = switch (kind) {
            case MATCH -> rule.condition().test(event) ? new RuleInput() : null;
            case COUNT -> countInput(event);
            case THRESHOLD -> thresholdInput(event);
            case SEQUENCE -> sequenceInput(event);
        };
        if (input == null || !groupKey.present(event)) {
            return null;
        }
        long content = kind == RuleKind.SEQUENCE ? stepFirst(input.steps, contentOf(event)) : contentOf(event);
        return describe(input, groupKey.getKey(event), content, rule.severityFor(event), summaryFields, event);
    }

    /** Fills in what every rule's input says of its event, beside what the rule's kind adds. */
    static RuleInput describe(
            RuleInput input, String key, long content, Severity severity, String[] summaryFields, LogEvent event) {
        input.key = key;
        input.timestamp = event.timestamp;
        input.content = content;
        input.id = event.id;
        input.host = event.host;
        input.severity = severity.ordinal();
        input.summary = summaryValues(summaryFields, event);
        return input;
    }

    private RuleInput countInput(LogEvent event) {
        CountSpec count = rule.count();
        int parts = 0;
        if (count.countsParts()) {
            parts = parts(count.parts(), event);
            if (parts == 0) {
                return null;
            }
        } else if (!rule.condition().test(event)) {
            return null;
        }
        String value = null;
        if (count.countsDistinct()) {
            Object distinct = event.field(count.distinctField());
            if (distinct == null) {
                return null;
            }
            value = String.valueOf(distinct);
        }
        RuleInput input = new RuleInput();
        input.parts = parts;
        input.value = value;
        return input;
    }

    private RuleInput thresholdInput(LogEvent event) {
        Double number = ValueMatchers.asNumber(event.field(rule.threshold().field()));
        if (number == null || !rule.condition().test(event)) {
            return null;
        }
        RuleInput input = new RuleInput();
        input.number = number;
        return input;
    }

    private RuleInput sequenceInput(LogEvent event) {
        List<Step> steps = rule.sequence().steps();
        int met = 0;
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).condition().test(event)) {
                met |= 1 << i;
            }
        }
        if (met == 0) {
            return null;
        }
        RuleInput input = new RuleInput();
        input.steps = met;
        return input;
    }

    /**
     * A hash of what the event says (host, kind, message, metric values, fields), never of where
     * it was read or when it arrived: the tie-break of {@link RuleInput#ORDER}.
     */
    static long contentOf(LogEvent event) {
        long h = 1125899906842597L;
        h = 31 * h + java.util.Objects.hashCode(event.host);
        h = 31 * h + java.util.Objects.hashCode(event.kind);
        h = 31 * h + java.util.Objects.hashCode(event.message);
        h = 31 * h + java.util.Objects.hash(event.cpuUsage, event.memoryPercentage, event.networkIn, event.networkOut);
        h = 31 * h + event.fields.hashCode();
        return h;
    }

    /**
     * A sequence's tie-break: events of one time in step order, then by content. Logs have second
     * resolution, and a tool that guesses five passwords and gets in logs all six lines in one
     * second; ordered by hash alone, the success would come first in five of six such attacks
     * and the sequence would never see it. Step order reads a tie the way that completes the
     * sequence, still from the event's content only (the step it meets first).
     */
    static long stepFirst(int steps, long content) {
        long step = Integer.numberOfTrailingZeros(steps);
        return step << 48 | content & 0xFFFF_FFFF_FFFFL;
    }

    /** Bit i set when the event meets part i: one event may meet several (and count for each). */
    private static int parts(List<Condition> parts, LogEvent event) {
        int bits = 0;
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i).test(event)) {
                bits |= 1 << i;
            }
        }
        return bits;
    }

    static String[] summaryValues(String[] fields, LogEvent event) {
        if (fields.length == 0) {
            return RuleInput.NO_SUMMARY;
        }
        String[] values = new String[fields.length];
        for (int i = 0; i < fields.length; i++) {
            Object value = event.field(fields[i]);
            values[i] = value == null ? null : String.valueOf(value);
        }
        return values;
    }
}
