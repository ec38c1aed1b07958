package io.vigil.detection.alert;

import io.vigil.common.Indices;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.connector.elasticsearch.sink.ElasticsearchEmitter;
import org.apache.flink.connector.elasticsearch.sink.RequestIndexer;
import org.elasticsearch.action.delete.DeleteRequest;
import org.elasticsearch.action.update.UpdateRequest;
import org.elasticsearch.common.xcontent.XContentType;

/**
 * Writes alerts as upserts under their deterministic id: a new alert is created whole with
 * status {@code open}; an existing one gets only the job's fields (count, last_seen, severity,
 * ...), so a status an analyst set through the query service is never overwritten, and a replay
 * rewrites the same documents instead of adding new ones. A withdrawn alert (later evidence
 * showed it does not hold) is deleted.
 */
public class AlertEmitter implements ElasticsearchEmitter<Alert> {
    private static final long serialVersionUID = 1L;

    private final String index;

    public AlertEmitter(String indexPrefix) {
        this.index = new Indices(indexPrefix).alerts();
    }

    @Override
    public void emit(Alert alert, SinkWriter.Context context, RequestIndexer indexer) {
        if (alert.withdrawn) {
            indexer.add(new DeleteRequest(index, alert.id));
            return;
        }
        indexer.add(new UpdateRequest(index, alert.id)
                .doc(AlertDocuments.partial(alert), XContentType.JSON)
                .upsert(AlertDocuments.full(alert), XContentType.JSON)
                .retryOnConflict(3));
    }
}
