package io.vigil.job;

import io.vigil.common.DeadLetter;
import io.vigil.common.DeadLetter.Stage;
import io.vigil.common.LogEvent;
import io.vigil.detection.alert.Alert;
import io.vigil.detection.alert.AlertEmitter;
import io.vigil.job.metrics.AnomalyAlertEmitter;
import io.vigil.job.metrics.AnomalyFinding;
import io.vigil.job.metrics.MetricRollup;
import io.vigil.job.metrics.RollupDocumentEmitter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

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
public record JobSinks(
        Sink<LogEvent> logs,
        Sink<DeadLetter> deadLetters,
        Sink<MetricRollup> minuteRollups,
        Sink<MetricRollup> hourRollups,
        Sink<AnomalyFinding> anomalyAlerts,
        Sink<Alert> ruleAlerts) {

    /** Sinks that drop everything: the job's own cost (JobCost) and its graph, without Elasticsearch. */
    public static JobSinks discarding() {
        return new JobSinks(
                new DiscardingSink<>(),
                new DiscardingSink<>(),
                new DiscardingSink<>(),
                new DiscardingSink<>(),
                new DiscardingSink<>(),
                new DiscardingSink<>());
    }

    public static JobSinks elasticsearch(JobOptions options) {
        String prefix = options.indexPrefix();
        return new JobSinks(
                Connectors.elasticsearch(
                        options,
                        new LogDocumentEmitter(prefix),
                        (event, reason, now) -> DeadLetter.ofEvent(event, Stage.RENDER, reason, now)),
                Connectors.elasticsearch(
                        options,
                        new DeadLetterEmitter(prefix),
                        (letter, reason, now) -> DeadLetter.origin(
                                letter.id, letter.topic, letter.partition, letter.offset, Stage.RENDER, reason, now)),
                Connectors.elasticsearch(options, new RollupDocumentEmitter(prefix), JobSinks::rollupDeadLetter),
                Connectors.elasticsearch(options, new RollupDocumentEmitter(prefix), JobSinks::rollupDeadLetter),
                // Alerts flush on their own short interval: with the 1 s of the bulk sinks, the
                // flush wait alone put single-event rule alerts at ~1 s after produce.
                Connectors.elasticsearch(
                        options,
                        new AnomalyAlertEmitter(prefix),
                        (finding, reason, now) -> DeadLetter.origin(
                                AnomalyAlertEmitter.alertId(finding), null, -1, -1, Stage.RENDER, reason, now),
                        options.alertsBulkInterval()),
                Connectors.elasticsearch(
                        options,
                        new AlertEmitter(prefix),
                        (alert, reason, now) -> DeadLetter.origin(alert.id, null, -1, -1, Stage.RENDER, reason, now),
                        options.alertsBulkInterval()));
    }

    /** Rollups and alerts are made by the job, not read: their dead letters name only their document. */
    private static DeadLetter rollupDeadLetter(MetricRollup rollup, String reason, long now) {
        return DeadLetter.origin(rollup.documentId(), null, -1, -1, Stage.RENDER, reason, now);
    }
}
