package io.vigil.job;

import io.vigil.common.DeadLetter;
import io.vigil.common.Indices;
import java.io.Serializable;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.connector.elasticsearch.sink.ElasticsearchEmitter;
import org.apache.flink.connector.elasticsearch.sink.RequestIndexer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.common.xcontent.XContentType;

/**
 * An emitter whose failure to build a request is a dead letter (stage {@code render}) indexed in
 * its stead, never a failed sink: the request is built inside the sink writer, where an exception
 * fails the job and the restarted job meets the same element again.
 *
 * @param <T> what the sink writes
 */
public final class GuardedEmitter<T> implements ElasticsearchEmitter<T> {
    private static final long serialVersionUID = 1L;

    /** What a dead letter of an element that could not be written says about where it came from. */
    @FunctionalInterface
    public interface DeadLetterOf<T> extends Serializable {
        DeadLetter of(T element, String reason, long now);
    }

    private final ElasticsearchEmitter<T> emitter;
    private final DeadLetterOf<T> deadLetterOf;
    private final String deadLetterIndex;
    private transient Counter failed;

    public GuardedEmitter(ElasticsearchEmitter<T> emitter, DeadLetterOf<T> deadLetterOf, String indexPrefix) {
        this.emitter = emitter;
        this.deadLetterOf = deadLetterOf;
        this.deadLetterIndex = new Indices(indexPrefix).deadLetters();
    }

    /** Counts into {@code vigil.records.failed{stage=render}} of the writer's metric group. */
    void bindMetrics(MetricGroup writerMetrics) {
        failed = FailedRecords.counter(writerMetrics, DeadLetter.Stage.RENDER);
    }

    @Override
    public void open() throws Exception {
        if (failed == null) {
            failed = new SimpleCounter();
        }
        emitter.open();
    }

    @Override
    public void close() throws Exception {
        emitter.close();
    }

    @Override
    public void emit(T element, SinkWriter.Context context, RequestIndexer indexer) {
        try {
            emitter.emit(element, context, indexer);
        } catch (RuntimeException | StackOverflowError e) {
            failed.inc();
            indexer.add(request(deadLetterOf.of(element, DeadLetter.unexpected(e), System.currentTimeMillis())));
        }
    }

    /** The index request of a dead letter; one that cannot be rendered whole is sent without its raw content. */
    IndexRequest request(DeadLetter letter) {
        byte[] document;
        try {
            document = DocumentWriter.deadLetterDocument(letter);
        } catch (RuntimeException | StackOverflowError e) {
            letter.raw = "";
            letter.rawEncoding = DeadLetter.WITHHELD;
            document = DocumentWriter.deadLetterDocument(letter);
        }
        return new IndexRequest(deadLetterIndex).id(letter.id).source(document, XContentType.JSON);
    }
}
