package io.vigil.detection.runtime;

/**
 * A finished piece of evidence for one rule and group: one event of a match rule, or the
 * events of one sequence match. {@link SuppressedAlerts} folds hits into alerts. A Flink POJO
 * (arrays, not collections, so it never needs Kryo).
 */
public class Hit {
    public String groupKey;
    /** In event-time order. */
    public Evidence[] evidence = new Evidence[0];
    /** Values of the summary template's event fields, from the newest event. */
    public String[] summary = new String[0];

    public Hit() {
    }

    long first() {
        return evidence[0].timestamp;
    }

    long last() {
        return evidence[evidence.length - 1].timestamp;
    }
}
