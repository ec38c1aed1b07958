package io.vigil.job;

import io.vigil.common.Indices;
import io.vigil.common.LogEvent;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.connector.elasticsearch.sink.ElasticsearchEmitter;
import org.apache.flink.connector.elasticsearch.sink.RequestIndexer;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.common.xcontent.XContentType;

/** Indexes a log event into its daily index under its deterministic id (replays overwrite). */
public class LogDocumentEmitter implements ElasticsearchEmitter<LogEvent> {
    private final Indices indices;

    public LogDocumentEmitter(String indexPrefix) {
        this.indices = new Indices(indexPrefix);
    }

    @Override
    public void emit(LogEvent event, SinkWriter.Context context, RequestIndexer indexer) {
        indexer.add(new IndexRequest(indices.logsIndexFor(event.timestamp))
                .id(event.id)
                .source(DocumentWriter.logDocument(event), XContentType.JSON));
    }
}
