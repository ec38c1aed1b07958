package io.vigil.job;

import io.vigil.common.DeadLetter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/** The {@code vigil.records.failed{stage}} counter of one stage (see {@link DeadLetter#METRIC_FAILED}). */
public final class FailedRecords {
    private FailedRecords() {}

    public static Counter counter(MetricGroup operatorMetrics, DeadLetter.Stage stage) {
        return operatorMetrics
                .addGroup(DeadLetter.METRIC_GROUP)
                .addGroup(DeadLetter.METRIC_STAGE_LABEL, stage.wireName())
                .counter(DeadLetter.METRIC_FAILED);
    }
}
