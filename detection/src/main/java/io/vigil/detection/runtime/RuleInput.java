package io.vigil.detection.runtime;

import java.util.Comparator;

/**
 * What a stateful rule needs of one event, computed once by {@link RuleRouter} before the
 * shuffle to the rule's keyed operator: the group key, time, id, host, the severity the event
 * alone would give, and the rule-specific facts (distinct value, sample value, which sequence
 * steps it meets, the summary's field values). Keyed operators hold these instead of whole
 * events: small to ship, small to keep, and a Flink POJO (no Kryo).
 */
public class RuleInput {
    /**
     * The order every rule evaluates its group's inputs in: event time, then the event's content
     * ({@link #content}), then its id. Logs have second resolution, so many events share a time;
     * ordering those by id (topic, partition, offset) would make the result depend on how a
     * shipper spread them over partitions. Ids are unique per Kafka record, so two inputs tie
     * only when they are the same record. For sequence rules the content key puts a tie in step
     * order first ({@link RuleProjection#stepFirst}).
     */
    public static final Comparator<RuleInput> ORDER = RuleInput::compare;

    /** No summary values: shared, since nothing writes into a summary array. */
    static final String[] NO_SUMMARY = new String[0];

    public String key;
    public long timestamp;
    /** A hash of what the event says, not where it was read: see {@link #ORDER}. */
    public long content;

    public String id;
    public String host;
    /** Ordinal of {@code rule.severityFor(event)}. */
    public int severity;
    /** Count rules with {@code distinct}: the field's value. */
    public String value;
    /** Count rules over parts (Sigma temporal): bit i is set when the event meets part i. */
    public int parts;
    /** Threshold rules: the sample's value. */
    public double number;
    /** Sequence rules: bit i is set when the event meets step i's condition. */
    public int steps;
    /** Values of the summary template's event fields, in {@code eventFields()} order (null when absent). */
    public String[] summary = NO_SUMMARY;
    /**
     * When the input reached its rule's operator (processing time, epoch millis): how long it has
     * been waiting for inputs that belong before it (see {@link OrderedRuleFunction}).
     */
    public long arrival;

    public RuleInput() {}

    /**
     * {@link #ORDER} written out: every input is placed in its group's history by it, and the
     * chain of {@code Comparator.comparingLong(..).thenComparing..} lambdas showed in JobCost's
     * profile (issue 18).
     */
    private static int compare(RuleInput a, RuleInput b) {
        return compare(a.timestamp, a.content, a.id, b.timestamp, b.content, b.id);
    }

    /**
     * The order of two positions given as time, content and id: also how a machine state's
     * position ({@link MachineState#compareTo}) and an emitted alert's ({@link Emitted}) compare.
     */
    static int compare(long aTime, long aContent, String aId, long bTime, long bContent, String bId) {
        if (aTime != bTime) {
            return Long.compare(aTime, bTime);
        }
        if (aContent != bContent) {
            return Long.compare(aContent, bContent);
        }
        return (aId == null ? "" : aId).compareTo(bId == null ? "" : bId);
    }

    /** Whether this input comes after {@code other} in {@link #ORDER}. */
    boolean after(RuleInput other) {
        return ORDER.compare(this, other) > 0;
    }
}
