package io.vigil.job;

import io.vigil.common.LogEvent;
import io.vigil.detection.alert.Alert;
import io.vigil.detection.alert.AlertEmitter;
import io.vigil.job.metrics.AnomalyAlertEmitter;
import io.vigil.job.metrics.AnomalyFinding;
import io.vigil.job.metrics.MetricRollup;
import io.vigil.job.metrics.RollupDocumentEmitter;
import org.apache.flink.api.connector.sink2.Sink;

/**
 * Where the job's outputs go. {@link #elasticsearch} is production; tests may pass their own.
 *
 * @param logs          normalized documents
 * @param deadLetters   rejected records with their reasons
 * @param minuteRollups 1-minute metric rollups (with the forest's anomaly grade)
 * @param hourRollups   1-hour metric rollups
 * @param anomalyAlerts alerts from the metric anomaly detectors
 * @param ruleAlerts    alerts from the detection rules (upserts, see AlertEmitter)
 */
public record JobSinks(Sink<LogEvent> logs, Sink<DeadLetter> deadLetters, Sink<MetricRollup> minuteRollups,
                       Sink<MetricRollup> hourRollups, Sink<AnomalyFinding> anomalyAlerts, Sink<Alert> ruleAlerts) {

    public static JobSinks elasticsearch(JobOptions options) {
        String prefix = options.indexPrefix();
        return new JobSinks(
                Connectors.elasticsearch(options, new LogDocumentEmitter(prefix)),
                Connectors.elasticsearch(options, new DeadLetterEmitter(prefix)),
                Connectors.elasticsearch(options, new RollupDocumentEmitter(prefix)),
                Connectors.elasticsearch(options, new RollupDocumentEmitter(prefix)),
                // Alerts flush on their own short interval: with the 1 s of the bulk sinks, the
                // flush wait alone put single-event rule alerts at ~1 s after produce.
                Connectors.elasticsearch(options, new AnomalyAlertEmitter(prefix), options.alertsBulkInterval()),
                Connectors.elasticsearch(options, new AlertEmitter(prefix), options.alertsBulkInterval()));
    }
}
