package io.vigil.query.logs;

import static io.vigil.query.search.SortSpec.Type.LONG;
import static io.vigil.query.search.SortSpec.Type.STRING;

import io.vigil.common.Fields;
import io.vigil.query.search.SortSpec;

/**
 * The order of the live log stream: by {@code event.ingested} (when Vigil parsed the record), not
 * by event time, so that a log that arrives late or is replayed with an old timestamp still
 * reaches an open stream; then the Kafka position as the unique tiebreaker.
 */
final class LogStream {
    static final SortSpec SORT = SortSpec.of(
            SortSpec.asc(Fields.EVENT_INGESTED, LONG, "date"),
            SortSpec.asc(Fields.KAFKA_OFFSET, LONG, "long"),
            SortSpec.asc(Fields.KAFKA_PARTITION, LONG, "integer"),
            SortSpec.asc(Fields.TOPIC, STRING, "keyword"));

    private LogStream() {}
}
