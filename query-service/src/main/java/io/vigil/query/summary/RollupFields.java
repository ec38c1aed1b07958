package io.vigil.query.summary;

/** Field names of the metric rollup documents (template metrics.json in common). */
final class RollupFields {
    static final String TIMESTAMP = "timestamp";
    static final String HOST = "host";
    static final String SAMPLES = "samples";
    static final String CPU_SUM = "cpu_sum";
    static final String CPU_MAX = "cpu_max";
    static final String CPU_P95 = "cpu_p95";
    static final String MEMORY_SUM = "memory_sum";
    static final String MEMORY_MAX = "memory_max";
    static final String NET_IN_SUM = "net_in_sum";
    static final String NET_OUT_SUM = "net_out_sum";

    private RollupFields() {
    }
}
