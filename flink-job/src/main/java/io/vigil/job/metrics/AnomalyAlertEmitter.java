package io.vigil.job.metrics;

import io.vigil.detection.alert.Alert;
import io.vigil.detection.alert.AlertEmitter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.connector.elasticsearch.sink.ElasticsearchEmitter;
import org.apache.flink.connector.elasticsearch.sink.RequestIndexer;

/**
 * Turns anomaly findings into alerts in {@code PREFIX-alerts}: one alert per host, anomaly
 * rule and episode (deterministic id). The finding becomes an {@link Alert} and is written by
 * the rule alerts' {@link AlertEmitter} (documents by {@code AlertDocuments}): a partial update
 * without status and an upsert with status open, so an analyst's acknowledgement is never
 * overwritten.
 */
public class AnomalyAlertEmitter implements ElasticsearchEmitter<AnomalyFinding> {
    private static final long serialVersionUID = 1L;

    private final AlertEmitter alerts;

    public AnomalyAlertEmitter(String indexPrefix) {
        this.alerts = new AlertEmitter(indexPrefix);
    }

    public static String alertId(AnomalyFinding f) {
        String key = f.ruleId() + "|" + f.host + "|" + f.episodeStart;
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }

    static String title(AnomalyFinding f) {
        String metric = f.metric == null
                ? ""
                : switch (f.metric) {
                    case "cpu" -> "CPU";
                    case "memory" -> "Memory";
                    case "net_in" -> "Network in";
                    default -> "Network out";
                };
        return switch (f.detector) {
            case "threshold" -> metric + " over its limit";
            case "baseline" -> metric + " outside its learned baseline";
            case "trend" -> metric + " climbing steadily";
            default -> "Unusual combination of host metrics";
        };
    }

    /**
     * The alert a finding raises, as a rule alert is: AlertDocuments writes both, so a field added
     * there reaches anomaly alerts too. Count and severity are the episode's own, so a replay
     * writes the same values again.
     */
    public static Alert alert(AnomalyFinding f) {
        Alert alert = new Alert();
        alert.id = alertId(f);
        alert.ruleId = f.ruleId();
        alert.title = title(f);
        alert.description = "Metric anomaly found by the " + f.detector + " detector on the 1-minute rollups.";
        alert.summary = f.summary;
        alert.severity = f.episodeSeverity;
        alert.tags = f.metric == null
                ? List.of("anomaly", "anomaly." + f.detector)
                : List.of("anomaly", "anomaly." + f.detector, "metric." + f.metric);
        alert.host = f.host;
        // What host scopes, host filters and the dashboard match on, as for rule alerts.
        alert.hosts = List.of(f.host);
        alert.groupKey = f.host;
        // Anomaly detectors have no shadow mode; written so the field means the same on every alert.
        alert.shadow = false;
        alert.firstSeen = f.episodeStart;
        alert.lastSeen = f.windowEnd;
        alert.count = f.episodeCount;
        alert.eventIds = List.of();
        Map<String, Object> context = new LinkedHashMap<>(f.context == null ? Map.of() : f.context);
        context.put("detector", f.detector);
        if (f.metric != null) {
            context.put("metric", f.metric);
        }
        context.put("observed", f.observed);
        if (!Double.isNaN(f.expectedLow)) {
            context.put("expected_low", f.expectedLow);
        }
        if (!Double.isNaN(f.expectedHigh)) {
            context.put("expected_high", f.expectedHigh);
        }
        if (f.hostGroup != null) {
            context.put("host_group", f.hostGroup);
        }
        alert.context = context;
        return alert;
    }

    @Override
    public void emit(AnomalyFinding finding, SinkWriter.Context context, RequestIndexer indexer) {
        alerts.emit(alert(finding), context, indexer);
    }
}
