package io.vigil.job.metrics;

import static io.vigil.job.metrics.AnomalyFindings.finding;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.common.AlertFields;
import io.vigil.common.AlertStatus;
import io.vigil.common.Indices;
import io.vigil.embedded.VigilServicesExtension;
import io.vigil.embedded.VigilServicesExtension.Services;
import io.vigil.job.IndexTemplateInstaller;
import java.util.List;
import java.util.Map;
import org.apache.http.HttpHost;
import org.elasticsearch.action.get.GetRequest;
import org.elasticsearch.action.update.UpdateRequest;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestHighLevelClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Anomaly alerts as the real embedded Elasticsearch stores them, written through the shared alert
 * writer: created open, then updated by the rest of the episode without touching what an analyst
 * set.
 */
@ExtendWith(VigilServicesExtension.class)
class AnomalyAlertsInElasticsearchITCase {
    private static final String PREFIX = "anomaly-writer";

    private RestHighLevelClient client;

    @BeforeEach
    void connect() throws Exception {
        String url = Services.get().elasticsearch.url();
        IndexTemplateInstaller.install(List.of(url), PREFIX);
        client = new RestHighLevelClient(RestClient.builder(HttpHost.create(url)));
    }

    @AfterEach
    void close() throws Exception {
        client.close();
    }

    /** Sends what the emitter hands to the sink, one request at a time, as the bulk would. */
    private void emit(AnomalyFinding finding) throws Exception {
        UpdateRequests requests = new UpdateRequests();
        new AnomalyAlertEmitter(PREFIX).emit(finding, null, requests);
        for (UpdateRequest update : requests.updates) {
            client.update(update, RequestOptions.DEFAULT);
        }
    }

    private Map<String, Object> stored(String id) throws Exception {
        return client.get(new GetRequest(new Indices(PREFIX).alerts(), id), RequestOptions.DEFAULT)
                .getSourceAsMap();
    }

    private static AnomalyFinding memoryWindow(int windowOfEpisode, String episodeSeverity) {
        return finding("baseline", "memory", "db-01")
                .severity("MEDIUM", episodeSeverity)
                .window(windowOfEpisode)
                .observed(91, 40, 70, "Memory 91% is outside its usual band 40% – 70%")
                .context("baseline_mean", 55.0)
                .build();
    }

    @Test
    void anEpisodeUpdatesOneAlertAndKeepsTheStatusAnAnalystSet() throws Exception {
        AnomalyFinding first = memoryWindow(1, "MEDIUM");
        String id = AnomalyAlertEmitter.alertId(first);
        emit(first);
        assertThat(stored(id)).containsEntry(AlertFields.STATUS, AlertStatus.OPEN.value());

        client.update(
                new UpdateRequest(new Indices(PREFIX).alerts(), id)
                        .doc(Map.of(AlertFields.STATUS, AlertStatus.ACKNOWLEDGED.value())),
                RequestOptions.DEFAULT);
        AnomalyFinding third = memoryWindow(3, "HIGH");
        emit(third);
        emit(third); // a replay after a restore writes the same values again

        assertThat(AnomalyAlertEmitter.alertId(third)).isEqualTo(id);
        Map<String, Object> alert = stored(id);
        assertThat(alert)
                .containsEntry(AlertFields.STATUS, AlertStatus.ACKNOWLEDGED.value())
                .containsEntry(AlertFields.COUNT, 3)
                .containsEntry(AlertFields.SEVERITY, "HIGH")
                .containsEntry(AlertFields.FIRST_SEEN, "2026-03-01T10:00:00Z")
                .containsEntry(AlertFields.LAST_SEEN, "2026-03-01T10:03:00Z")
                .containsEntry(AlertFields.HOSTS, List.of("db-01"))
                .containsEntry(AlertFields.SHADOW, false);
    }
}
