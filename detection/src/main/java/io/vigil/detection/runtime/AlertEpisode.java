package io.vigil.detection.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * The open alert of one rule and group, in keyed state: what suppression folds repeats into.
 * A Flink POJO so its schema can evolve across savepoints.
 */
public class AlertEpisode {
    public String id;
    public String host;
    public long firstSeen;
    public long lastSeen;
    public long count;
    /** Ordinal of the highest severity of its evidence. */
    public int severity;
    public List<String> eventIds = new ArrayList<>();
    /** Distinct values seen (count rules with {@code distinct}), capped like the event ids. */
    public List<String> values = new ArrayList<>();
    /** Extreme sample values (threshold rules). */
    public double max = Double.NEGATIVE_INFINITY;
    public double min = Double.POSITIVE_INFINITY;

    public AlertEpisode() {
    }
}
