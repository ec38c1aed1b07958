package io.vigil.detection.runtime;

import io.vigil.detection.rule.Rule;

/**
 * What an operator keeps of one evidence event: never the event itself, so state stays small.
 * For a count over distinct values one entry stands for every event with that value
 * ({@code occurrences}), keeping the newest one's time and id. A Flink POJO.
 */
public class Evidence {
    public long timestamp;
    public String id;
    public String host;
    /** The distinct field's value (count rules with {@code distinct}), else null. */
    public String value;

    public int occurrences = 1;
    /** Count rules over parts (Sigma temporal): bit i is set when the event met part i. */
    public int parts;
    /** Ordinal of the severity this event alone would give ({@link Rule#severityFor}). */
    public int severity;

    public Evidence() {}

    Evidence copy() {
        Evidence e = new Evidence();
        e.timestamp = timestamp;
        e.id = id;
        e.host = host;
        e.value = value;
        e.occurrences = occurrences;
        e.parts = parts;
        e.severity = severity;
        return e;
    }

    static Evidence of(RuleInput input) {
        Evidence e = new Evidence();
        e.timestamp = input.timestamp;
        e.id = input.id;
        e.host = input.host;
        e.value = input.value;
        e.severity = input.severity;
        e.parts = input.parts;
        return e;
    }
}
