package io.vigil.job.metrics;

import io.vigil.common.AlertFields;
import io.vigil.common.AlertStatus;
import io.vigil.common.Indices;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.connector.elasticsearch.sink.ElasticsearchEmitter;
import org.apache.flink.connector.elasticsearch.sink.RequestIndexer;
import org.elasticsearch.action.update.UpdateRequest;

/**
 * Turns anomaly findings into alerts in {@code PREFIX-alerts}: one alert per host, anomaly
 * rule and episode (deterministic id), updated with a partial document whose count and
 * severity are the episode's own — a replay writes the same values again. The status is only
 * in the upsert, so an analyst's acknowledgement is never overwritten.
 */
public class AnomalyAlertEmitter implements ElasticsearchEmitter<AnomalyFinding> {
    private final String indexPrefix;

    public AnomalyAlertEmitter(String indexPrefix) {
        this.indexPrefix = indexPrefix;
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

    static Map<String, Object> update(AnomalyFinding f) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put(AlertFields.RULE_ID, f.ruleId());
        doc.put(AlertFields.TITLE, title(f));
        doc.put(
                AlertFields.DESCRIPTION,
                "Metric anomaly found by the " + f.detector + " detector on the 1-minute rollups.");
        doc.put(AlertFields.SUMMARY, f.summary);
        doc.put(AlertFields.SEVERITY, f.episodeSeverity);
        doc.put(
                AlertFields.TAGS,
                f.metric == null
                        ? List.of("anomaly", "anomaly." + f.detector)
                        : List.of("anomaly", "anomaly." + f.detector, "metric." + f.metric));
        doc.put(AlertFields.HOST, f.host);
        // What host scopes, host filters and the dashboard match on, as for rule alerts.
        doc.put(AlertFields.HOSTS, List.of(f.host));
        doc.put(AlertFields.GROUP_KEY, f.host);
        // Anomaly detectors have no shadow mode; written so the field means the same on every alert.
        doc.put(AlertFields.SHADOW, false);
        doc.put(AlertFields.FIRST_SEEN, Instant.ofEpochMilli(f.episodeStart).toString());
        doc.put(AlertFields.LAST_SEEN, Instant.ofEpochMilli(f.windowEnd).toString());
        doc.put(AlertFields.COUNT, f.episodeCount);
        doc.put(AlertFields.EVENT_IDS, List.of());
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
        doc.put(AlertFields.CONTEXT, context);
        return doc;
    }

    @Override
    public void emit(AnomalyFinding finding, SinkWriter.Context context, RequestIndexer indexer) {
        Map<String, Object> doc = update(finding);
        // Processing time of the write (see AlertDocuments): what the notifier selects on.
        doc.put(AlertFields.UPDATED_AT, Instant.now().toString());
        Map<String, Object> upsert = new LinkedHashMap<>(doc);
        upsert.put(AlertFields.STATUS, AlertStatus.OPEN.value());
        indexer.add(new UpdateRequest(new Indices(indexPrefix).alerts(), alertId(finding))
                .doc(doc)
                .upsert(upsert)
                .retryOnConflict(3));
    }
}
