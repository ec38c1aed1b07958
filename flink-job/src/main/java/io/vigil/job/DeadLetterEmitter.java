package io.vigil.job;

import io.vigil.common.DeadLetter;
import io.vigil.common.Indices;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.connector.elasticsearch.sink.ElasticsearchEmitter;
import org.apache.flink.connector.elasticsearch.sink.RequestIndexer;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.common.xcontent.XContentType;

/** Indexes a dead letter under the id of the record it stands for (replays overwrite). */
public class DeadLetterEmitter implements ElasticsearchEmitter<DeadLetter> {
    private final String indexPrefix;

    public DeadLetterEmitter(String indexPrefix) {
        this.indexPrefix = indexPrefix;
    }

    @Override
    public void emit(DeadLetter letter, SinkWriter.Context context, RequestIndexer indexer) {
        indexer.add(new IndexRequest(new Indices(indexPrefix).deadLetters())
                .id(letter.id)
                .source(DocumentWriter.deadLetterDocument(letter), XContentType.JSON));
    }
}
