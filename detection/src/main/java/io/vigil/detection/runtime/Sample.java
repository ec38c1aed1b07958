package io.vigil.detection.runtime;

/** One sample of a threshold rule's field, kept until it is older than the allowed lateness. A Flink POJO. */
public class Sample {
    public long timestamp;
    public String id;
    public String host;
    public double value;
    /** Whether the value satisfies the rule's comparison. */
    public boolean hit;
    /** Ordinal of the severity this sample alone would give. */
    public int severity;

    public Sample() {
    }
}
