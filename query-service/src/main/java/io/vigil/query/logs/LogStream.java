package io.vigil.query.logs;

import io.vigil.common.Fields;
import io.vigil.query.search.SortSpec;

/**
 * The order of the live log stream: by {@code event.ingested} (when Vigil parsed the record), not
 * by event time, so that a log that arrives late or is replayed with an old timestamp still
 * reaches an open stream; then the Kafka position as the unique tiebreaker.
 */
final class LogStream {
    static final SortSpec SORT =
            SortSpec.timeThenKafkaPosition(false, Fields.EVENT_INGESTED, Fields.KAFKA_OFFSET, Fields.KAFKA_PARTITION);

    private LogStream() {}
}
