package io.vigil.job.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.common.AlertFields;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.connector.elasticsearch.sink.RequestIndexer;
import org.elasticsearch.action.delete.DeleteRequest;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.action.update.UpdateRequest;
import org.junit.jupiter.api.Test;

class AnomalyAlertEmitterTest {
    /** Keeps what the emitter hands to the sink. */
    private static final class Requests implements RequestIndexer {
        final List<UpdateRequest> updates = new ArrayList<>();

        @Override
        public void add(DeleteRequest... requests) {
            throw new AssertionError("no deletes");
        }

        @Override
        public void add(IndexRequest... requests) {
            throw new AssertionError("no index requests");
        }

        @Override
        public void add(UpdateRequest... requests) {
            updates.addAll(List.of(requests));
        }
    }

    @Test
    void eachWriteCarriesItsProcessingTimeForTheNotifier() {
        AnomalyFinding f = new AnomalyFinding();
        f.detector = "threshold";
        f.metric = "cpu";
        f.host = "web-01";
        f.severity = "HIGH";
        f.episodeSeverity = "HIGH";
        f.episodeStart = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli(); // a backlog: long ago
        f.windowEnd = f.episodeStart + 60_000;
        f.episodeCount = 1;
        f.summary = "CPU 97% on web-01";
        f.context = Map.of();
        Requests requests = new Requests();
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
        AnomalyFinding f = new AnomalyFinding();
        f.detector = "baseline";
        f.metric = "memory";
        f.host = "db-01";
        f.episodeSeverity = "MEDIUM";
        f.episodeStart = 0;
        f.windowEnd = 60_000;
        f.episodeCount = 2;
        f.summary = "memory outside its baseline";
        Requests requests = new Requests();
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
}
