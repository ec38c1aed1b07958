package io.vigil.detection.runtime;

/**
 * What a stateful rule needs of one event, computed once by {@link RuleRouter} before the
 * shuffle to the rule's keyed operator: the group key, time, id, host, the severity the event
 * alone would give, and the rule-specific facts (distinct value, sample value, which sequence
 * steps it meets, the summary's field values). Keyed operators and CEP state hold these instead
 * of whole events: small to ship, small to keep, and a Flink POJO (no Kryo).
 */
public class RuleInput {
    public String key;
    public long timestamp;
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
    public String[] summary = new String[0];

    public RuleInput() {
    }
}
