package io.vigil.job;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.elasticsearch.sink.BulkHandlingSinkBuilder;
import org.apache.flink.connector.elasticsearch.sink.ElasticsearchEmitter;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.http.HttpHost;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** The production source and sinks, built from the options. Tests pass their own to the job. */
public final class Connectors {
    private Connectors() {}

    /**
     * Both topics, one source. Without a checkpoint to restore from, it resumes at the group's
     * committed offsets (committed on each checkpoint), or the earliest record for a new group.
     */
    public static KafkaSource<RawRecord> kafkaSource(JobOptions options) {
        return KafkaSource.<RawRecord>builder()
                // TLS and SASL settings from the secrets file; the job's own settings below win.
                .setProperties(JobSecrets.of(options).kafka())
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
     * document ids make any replay overwrite instead of duplicate — exactly once in effect. What
     * one element or one document does (a request that cannot be built, a document Elasticsearch
     * refuses, a busy Elasticsearch) never fails the job: see {@link GuardedEmitter} and
     * {@link ElasticsearchBulk}.
     *
     * @param deadLetterOf what a dead letter of an element that cannot be written says of its origin
     */
    public static <T> Sink<T> elasticsearch(
            JobOptions options, ElasticsearchEmitter<T> emitter, GuardedEmitter.DeadLetterOf<T> deadLetterOf) {
        return elasticsearch(options, emitter, deadLetterOf, options.bulkInterval());
    }

    /** The same with its own longest wait before a partial bulk is sent (alert sinks: short). */
    public static <T> Sink<T> elasticsearch(
            JobOptions options,
            ElasticsearchEmitter<T> emitter,
            GuardedEmitter.DeadLetterOf<T> deadLetterOf,
            Duration flushInterval) {
        List<String> hosts = options.esHosts();
        HttpHost[] httpHosts = hosts.stream().map(HttpHost::create).toArray(HttpHost[]::new);
        JobSecrets secrets = JobSecrets.of(options);
        ElasticsearchBulk bulk = new ElasticsearchBulk(options.indexPrefix());
        GuardedEmitter<T> guarded = new GuardedEmitter<>(emitter, deadLetterOf, options.indexPrefix());
        BulkHandlingSinkBuilder<T> builder = new BulkHandlingSinkBuilder<T>(bulk).setEmitter(guarded);
        if (secrets.esUsername() != null) {
            builder.setConnectionUsername(secrets.esUsername()).setConnectionPassword(secrets.esPassword());
        }
        Sink<T> sink = builder.setHosts(httpHosts)
                .setBulkFlushMaxActions(options.bulkMaxActions())
                .setBulkFlushInterval(flushInterval.toMillis())
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
        return new ElasticsearchSink<>(sink, guarded, bulk, secrets.esCaPem());
    }
}
