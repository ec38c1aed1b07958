package io.vigil.job;

import java.util.List;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.elasticsearch.sink.Elasticsearch7SinkBuilder;
import org.apache.flink.connector.elasticsearch.sink.ElasticsearchEmitter;
import org.apache.flink.connector.elasticsearch.sink.ElasticsearchSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.http.HttpHost;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** The production source and sinks, built from the options. Tests pass their own to the job. */
public final class Connectors {
    private Connectors() {
    }

    /**
     * Both topics, one source. Without a checkpoint to restore from, it resumes at the group's
     * committed offsets (committed on each checkpoint), or the earliest record for a new group.
     */
    public static KafkaSource<RawRecord> kafkaSource(JobOptions options) {
        return KafkaSource.<RawRecord>builder()
                .setBootstrapServers(options.kafkaBootstrap())
                .setTopics(options.topics())
                .setGroupId(options.kafkaGroup())
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new RawRecordDeserializer())
                .setProperty("partition.discovery.interval.ms", "30000")
                .setProperty("commit.offsets.on.checkpoint", "true")
                .setProperty("max.poll.records", options.kafkaMaxPollRecords())
                .setProperty("fetch.max.bytes", options.kafkaFetchMaxBytes())
                .build();
    }

    /**
     * At-least-once: the writer flushes every pending bulk on checkpoint, and deterministic
     * document ids make any replay overwrite instead of duplicate — exactly once in effect.
     */
    public static <T> ElasticsearchSink<T> elasticsearch(JobOptions options, ElasticsearchEmitter<T> emitter) {
        List<String> hosts = options.esHosts();
        HttpHost[] httpHosts = hosts.stream().map(HttpHost::create).toArray(HttpHost[]::new);
        return new Elasticsearch7SinkBuilder<T>()
                .setHosts(httpHosts)
                .setEmitter(emitter)
                .setBulkFlushMaxActions(options.bulkMaxActions())
                .setBulkFlushInterval(options.bulkInterval().toMillis())
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }
}
