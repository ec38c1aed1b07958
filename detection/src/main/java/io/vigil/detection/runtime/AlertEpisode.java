package io.vigil.detection.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * One alert of one rule and group while it can still grow: what suppression folds repeats into.
 * A Flink POJO so its schema can evolve across savepoints.
 */
public class AlertEpisode {
    public String id;
    /** The host of the first evidence event. */
    public String host;

    public long firstSeen;
    public long lastSeen;
    public long count;
    /** Ordinal of the highest severity of its evidence. */
    public int severity;
    /** The first evidence events in event-time order, capped like the alert's event ids. */
    public List<String> eventIds = new ArrayList<>();
    /** Distinct values seen (count rules with {@code distinct}), capped like the event ids. */
    public List<String> values = new ArrayList<>();
    /** Every host that contributed evidence, sorted, capped like the event ids. */
    public List<String> hosts = new ArrayList<>();
    /** Extreme sample values (threshold rules). */
    public double max = Double.NEGATIVE_INFINITY;

    public double min = Double.POSITIVE_INFINITY;
    /** The summary template's field values of the newest evidence (event time order). */
    public String[] summary = new String[0];

    public AlertEpisode() {}
}
