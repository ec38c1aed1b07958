package io.vigil.common;

/**
 * Field names of the metric rollup documents (template {@code metrics.json}): the job writes them
 * (RollupDocumentEmitter), the query service reads them (GET /metrics/summary). One place, so the
 * two cannot drift apart (issue 21: the writer built them by concatenation, the reader had its
 * own constants).
 */
public final class RollupFields {
    public static final String TIMESTAMP = "timestamp";
    public static final String INTERVAL = "interval";
    public static final String HOST = "host";
    public static final String HOST_GROUP = "host_group";
    /** Metric samples in the window: the weight of every average. */
    public static final String SAMPLES = "samples";

    public static final Stats CPU = new Stats("cpu");
    public static final Stats MEMORY = new Stats("memory");
    public static final Stats NET_IN = new Stats("net_in");
    public static final Stats NET_OUT = new Stats("net_out");
    public static final String EVENTS_BY_SEVERITY = "events_by_severity";
    public static final String EVENTS_BY_KIND = "events_by_kind";
    public static final String ANOMALY_SCORE = "anomaly_score";

    private RollupFields() {}

    /** The fields of one metric's statistics: {@code METRIC_sum}, {@code _avg}, {@code _min}, {@code _max}, {@code _p95}. */
    public record Stats(String sum, String avg, String min, String max, String p95) {
        Stats(String metric) {
            this(metric + "_sum", metric + "_avg", metric + "_min", metric + "_max", metric + "_p95");
        }
    }
}
