package io.vigil.job.metrics;

import static org.assertj.core.api.Assertions.assertThat;

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
}
