package io.vigil.job;

import java.io.IOException;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.MetricGroup;

/**
 * One of the job's Elasticsearch sinks: the connector's sink, with our emitter guard
 * ({@link GuardedEmitter}) and bulk handling ({@link ElasticsearchBulk}) given the writer's metric
 * group, and Elasticsearch's CA trusted first when one is configured ({@link ElasticsearchTrust}).
 * Bulks go out on a thread of their own while the task goes on ({@link BackgroundBulks}); the
 * writer's flush also waits for them ({@link DrainingWriter}). All of it happens where the writer
 * is made: on the TaskManager, after the sink was shipped there.
 *
 * @param <T> what the sink writes
 */
final class ElasticsearchSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;
    private final Sink<T> sink;
    private final GuardedEmitter<T> emitter;
    private final ElasticsearchBulk bulk;
    private final String caPem;

    /** {@code sink} must have been built with {@code emitter} and {@code bulk}: the same objects. */
    ElasticsearchSink(Sink<T> sink, GuardedEmitter<T> emitter, ElasticsearchBulk bulk, String caPem) {
        this.sink = sink;
        this.emitter = emitter;
        this.bulk = bulk;
        this.caPem = caPem;
    }

    private void prepare(MetricGroup writerMetrics) {
        ElasticsearchTrust.install(caPem);
        emitter.bindMetrics(writerMetrics);
        bulk.bindMetrics(writerMetrics);
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        prepare(context.metricGroup());
        return new DrainingWriter<>(sink.createWriter(context), bulk.lastMade());
    }

    @Override
    @SuppressWarnings("deprecation")
    public SinkWriter<T> createWriter(InitContext context) throws IOException {
        prepare(context.metricGroup());
        return new DrainingWriter<>(sink.createWriter(context), bulk.lastMade());
    }
}
