package io.vigil.job.metrics;

import static io.vigil.job.metrics.AnomalyFindings.finding;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.common.AlertFields;
import io.vigil.detection.alert.Alert;
import io.vigil.detection.alert.AlertDocuments;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elasticsearch.action.update.UpdateRequest;
import org.junit.jupiter.api.Test;

class AnomalyAlertEmitterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    @Test
    void eachWriteCarriesItsProcessingTimeForTheNotifier() {
        AnomalyFinding f = finding("threshold", "cpu", "web-01")
                .severity("HIGH", "HIGH")
                .episodeFrom(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli()) // a backlog: long ago
                .build();
        UpdateRequests requests = new UpdateRequests();
        Instant before = Instant.now();
        new AnomalyAlertEmitter("vigil").emit(f, null, requests);
        Instant after = Instant.now();

        UpdateRequest update = requests.updates.get(0);
        for (Map<String, Object> doc :
                List.of(update.doc().sourceAsMap(), update.upsertRequest().sourceAsMap())) {
            assertThat(Instant.parse((String) doc.get("updated_at"))).isBetween(before, after);
            assertThat(doc.get("last_seen")).isEqualTo("2026-01-01T00:01:00Z");
        }
    }

    @Test
    void anAnomalyAlertHasEveryFieldARuleAlertHas() throws IllegalAccessException {
        // The alerts API filters by hosts and shadow; the anomaly writer had left both out.
        AnomalyFinding f = finding("baseline", "memory", "db-01").window(2).build();
        UpdateRequests requests = new UpdateRequests();
        new AnomalyAlertEmitter("vigil").emit(f, null, requests);

        Map<String, Object> upsert = requests.updates.get(0).upsertRequest().sourceAsMap();
        for (java.lang.reflect.Field name : AlertFields.class.getDeclaredFields()) {
            String field = (String) name.get(null);
            boolean writtenLater =
                    name.getName().startsWith("HISTORY_") || name.getName().startsWith("STATUS_CHANGED");
            if (!writtenLater) {
                assertThat(upsert).as(field).containsKey(field);
            }
        }
        assertThat(upsert.get(AlertFields.HOSTS)).isEqualTo(List.of("db-01"));
        assertThat(upsert.get(AlertFields.SHADOW)).isEqualTo(false);
    }

    /** A threshold finding of an episode's third window, with a host group and detector context. */
    private static AnomalyFinding cpuOverItsLimit() {
        return finding("threshold", "cpu", "web-01")
                .hostGroup("web")
                .severity("MEDIUM", "HIGH")
                .window(3)
                .observed(97.5, Double.NaN, 90, "CPU average 97.5% is over the limit of 90%")
                .context("threshold", 90.0)
                .build();
    }

    /** A forest finding: no metric, no host group, nested attributions. */
    private static AnomalyFinding unusualCombination() {
        Map<String, Object> attribution = new LinkedHashMap<>();
        attribution.put("cpu", 0.5);
        attribution.put("events", 0.25);
        return finding("forest", null, "db-01")
                .observed(0.75, 0, 0.5, "unusual combination of metrics (grade 0.75), driven by cpu, events")
                .context("grade", 0.75)
                .context("attribution", attribution)
                .build();
    }

    private static Map<String, Object> withoutUpdatedAt(Map<String, Object> doc) {
        Map<String, Object> copy = new LinkedHashMap<>(doc);
        assertThat(copy.remove(AlertFields.UPDATED_AT)).isInstanceOf(String.class);
        return copy;
    }

    @Test
    void aThresholdAlertIsWrittenFieldForFieldAsDocumented() {
        AnomalyFinding f = cpuOverItsLimit();
        UpdateRequests requests = new UpdateRequests();
        new AnomalyAlertEmitter("vigil").emit(f, null, requests);

        assertThat(requests.updates).hasSize(1);
        UpdateRequest update = requests.updates.get(0);
        assertThat(update.index()).isEqualTo("vigil-alerts");
        assertThat(update.id()).isEqualTo(AnomalyAlertEmitter.alertId(f));
        assertThat(update.retryOnConflict()).isEqualTo(3);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("rule_id", "anomaly.threshold.cpu");
        expected.put("title", "CPU over its limit");
        expected.put("description", "Metric anomaly found by the threshold detector on the 1-minute rollups.");
        expected.put("summary", "CPU average 97.5% is over the limit of 90%");
        expected.put("severity", "HIGH");
        expected.put("tags", List.of("anomaly", "anomaly.threshold", "metric.cpu"));
        expected.put("host", "web-01");
        expected.put("hosts", List.of("web-01"));
        expected.put("group_key", "web-01");
        expected.put("shadow", false);
        expected.put("first_seen", "2026-03-01T10:00:00Z");
        expected.put("last_seen", "2026-03-01T10:03:00Z");
        expected.put("count", 3);
        expected.put("event_ids", List.of());
        expected.put(
                "context",
                Map.of(
                        "threshold",
                        90.0,
                        "detector",
                        "threshold",
                        "metric",
                        "cpu",
                        "observed",
                        97.5,
                        "expected_high",
                        90.0,
                        "host_group",
                        "web"));
        assertThat(withoutUpdatedAt(update.doc().sourceAsMap())).isEqualTo(expected);
        Map<String, Object> upsert = new LinkedHashMap<>(expected);
        upsert.put("status", "open");
        assertThat(withoutUpdatedAt(update.upsertRequest().sourceAsMap())).isEqualTo(upsert);
    }

    @Test
    void aForestAlertHasNoMetricTagAndKeepsItsNestedContext() {
        AnomalyFinding f = unusualCombination();
        UpdateRequests requests = new UpdateRequests();
        new AnomalyAlertEmitter("vigil").emit(f, null, requests);

        UpdateRequest update = requests.updates.get(0);
        Map<String, Object> doc = withoutUpdatedAt(update.doc().sourceAsMap());
        assertThat(doc.get("rule_id")).isEqualTo("anomaly.forest");
        assertThat(doc.get("title")).isEqualTo("Unusual combination of host metrics");
        assertThat(doc.get("tags")).isEqualTo(List.of("anomaly", "anomaly.forest"));
        assertThat(doc.get("count")).isEqualTo(1);
        assertThat(doc.get("context"))
                .isEqualTo(Map.of(
                        "grade", 0.75,
                        "attribution", Map.of("cpu", 0.5, "events", 0.25),
                        "detector", "forest",
                        "observed", 0.75,
                        "expected_low", 0.0,
                        "expected_high", 0.5));
        assertThat(doc).doesNotContainKey("status").doesNotContainKey("protected");
    }

    @Test
    void aReplayOfTheSameFindingWritesTheSameAlert() {
        UpdateRequests requests = new UpdateRequests();
        AnomalyAlertEmitter emitter = new AnomalyAlertEmitter("vigil");
        emitter.emit(cpuOverItsLimit(), null, requests);
        emitter.emit(cpuOverItsLimit(), null, requests);

        UpdateRequest first = requests.updates.get(0);
        UpdateRequest again = requests.updates.get(1);
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(withoutUpdatedAt(again.doc().sourceAsMap()))
                .isEqualTo(withoutUpdatedAt(first.doc().sourceAsMap()));
        assertThat(withoutUpdatedAt(again.upsertRequest().sourceAsMap()))
                .isEqualTo(withoutUpdatedAt(first.upsertRequest().sourceAsMap()));
    }

    @Test
    void anomalyAlertsAreTheDocumentsOfTheSharedAlertWriter() throws Exception {
        // One writer for every alert (issue 21): a field AlertDocuments adds reaches anomaly alerts.
        for (AnomalyFinding f : List.of(cpuOverItsLimit(), unusualCombination())) {
            UpdateRequests requests = new UpdateRequests();
            new AnomalyAlertEmitter("vigil").emit(f, null, requests);
            UpdateRequest update = requests.updates.get(0);
            Alert alert = AnomalyAlertEmitter.alert(f);

            assertThat(update.id()).isEqualTo(alert.id);
            assertThat(withoutUpdatedAt(update.doc().sourceAsMap()))
                    .isEqualTo(withoutUpdatedAt(JSON.readValue(AlertDocuments.partial(alert), MAP)));
            assertThat(withoutUpdatedAt(update.upsertRequest().sourceAsMap()))
                    .isEqualTo(withoutUpdatedAt(JSON.readValue(AlertDocuments.full(alert), MAP)));
        }
    }
}
