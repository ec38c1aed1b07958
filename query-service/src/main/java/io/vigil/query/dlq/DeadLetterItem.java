package io.vigil.query.dlq;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.vigil.common.Fields;
import io.vigil.query.search.DocumentRecords;
import io.vigil.query.search.ListSearch;
import io.vigil.query.search.StoredDocument;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One dead letter as {@code GET /dlq} answers it: {@code id}, the stored document (docs/schema.md,
 * "Dead letters", written by the job's DocumentWriter) and {@code time}, CONTRACT.md's name for its
 * {@code timestamp}. A field that is missing, null or of another type stays in {@link #rest} as
 * stored, like any field this record does not know, so the answer is the document plus {@code time}.
 *
 * @param id the record's document id (DocumentIds), or the refused document's id
 * @param timestamp ISO-8601, UTC: when it was rejected
 * @param stage the step that gave up: parse, redact, enrich, detect-rules, encrypt, render or index
 * @param topic absent for a rollup or alert document Elasticsearch refused
 * @param raw what it held, as raw_encoding says
 * @param rawEncoding utf-8, base64, message, document or withheld; +truncated past 64 KiB
 * @param time the same as timestamp (CONTRACT.md's name)
 */
@Serdeable.Serializable
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(
        description = "A record the job did not store as a document: why, where it came from and what it held.",
        additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
public record DeadLetterItem(
        @JsonProperty(ListSearch.ID) String id,

        @JsonProperty(Fields.TIMESTAMP) String timestamp,

        @JsonProperty(Fields.DLQ_STAGE) @Nullable String stage,

        @JsonProperty(Fields.DLQ_REASON) String reason,

        @JsonProperty(Fields.TOPIC) @Nullable String topic,

        @JsonProperty(Fields.DLQ_PARTITION) @Nullable Long partition,
        @JsonProperty(Fields.DLQ_OFFSET) @Nullable Long offset,

        @JsonProperty(Fields.DLQ_RAW) String raw,

        @JsonProperty(Fields.DLQ_RAW_ENCODING) String rawEncoding,

        @JsonProperty(TIME) String time,

        @JsonIgnore Map<String, Object> rest)
        implements StoredDocument {

    public static final String TIME = "time";

    /** A dead letter item ({@code id} and the stored fields). */
    public static DeadLetterItem of(Map<String, Object> item) {
        Map<String, Object> timed = new LinkedHashMap<>(item);
        // a stored "time" is replaced by the timestamp's value, as it always was: typed when it is a
        // text, else kept as stored (null when missing), last, like the rest
        timed.remove(TIME);
        timed.put(TIME, item.get(Fields.TIMESTAMP));
        return DocumentRecords.read(DeadLetterItem.class, timed);
    }
}
