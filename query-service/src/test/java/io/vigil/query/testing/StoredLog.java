package io.vigil.query.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.common.Indices;
import io.vigil.common.Topics;
import java.time.Instant;

/**
 * A log document as the job stores it (docs/schema.md), for seeding: the fields every log has, its
 * Kafka position, and whatever a test adds to {@link #source()}. Its id and daily index are the
 * job's, so tests that page by Kafka offset see what they would in production.
 */
public final class StoredLog {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Instant timestamp;
    private final ObjectNode source = JSON.createObjectNode();
    private String topic = Topics.THREATS;
    private int partition;
    private long offset;

    private StoredLog(Instant timestamp) {
        this.timestamp = timestamp;
    }

    /** An {@code event} from the threats topic at partition 0, offset 0, with no ingest time. */
    public static StoredLog of(Instant timestamp, String host, String severity, String message) {
        StoredLog log = new StoredLog(timestamp);
        log.source
                .put("timestamp", timestamp.toString())
                .put("host", host)
                .put("severity", severity)
                .put("kind", "event")
                .put("topic", log.topic)
                .put("message", message);
        return log;
    }

    public StoredLog kind(String kind) {
        source.put("kind", kind);
        return this;
    }

    public StoredLog topic(String topic) {
        this.topic = topic;
        source.put("topic", topic);
        return this;
    }

    public StoredLog kafka(int partition, long offset) {
        this.partition = partition;
        this.offset = offset;
        source.putObject("kafka").put("partition", partition).put("offset", offset);
        return this;
    }

    /** {@code event.ingested}: what live streams and "newest first" by arrival go by. */
    public StoredLog ingested(Instant at) {
        source.putObject("event").put("ingested", at.toString());
        return this;
    }

    /** The document itself, for fields of a test's own. */
    public ObjectNode source() {
        return source;
    }

    /** Into the day's log index under the job's id, {@code topic-partition-offset}. */
    public EsSeeder.Doc in(Indices indices) {
        return in(indices, topic + "-" + partition + "-" + offset);
    }

    public EsSeeder.Doc in(Indices indices, String id) {
        return new EsSeeder.Doc(indices.logsIndexFor(timestamp.toEpochMilli()), id, source);
    }
}
