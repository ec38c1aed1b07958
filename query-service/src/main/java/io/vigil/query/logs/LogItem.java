package io.vigil.query.logs;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.vigil.common.Fields;
import io.vigil.common.Severity;
import io.vigil.query.search.ListSearch;
import io.vigil.query.search.StoredDocument;
import java.util.List;
import java.util.Map;

/**
 * One stored log as {@code GET /logs} and {@code GET /logs/{id}} answer it: {@code id}, then the
 * document (docs/schema.md) with its protected values shown or masked. The fields every log has
 * (CONTRACT.md) and the metric and threat fields are typed; the ECS security fields and anything
 * else a producer sent are open-ended and stay in {@link #rest} as stored, like every field that is
 * null or of another type, so the answer is the document, byte for byte.
 *
 * @param timestamp ISO-8601, UTC
 * @param kind metric or event
 * @param topic the Kafka topic it came from
 * @param message as the host sent it; a metric sample sent without one has a line of its numbers
 * @param threats the single-event rules it matched
 */
@Serdeable.Serializable
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(
        description = "A metric sample or a security event; ECS security fields and anything else kept are further"
                + " properties.",
        additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
public record LogItem(
        @JsonProperty(ListSearch.ID) String id,

        @JsonProperty(Fields.TIMESTAMP) String timestamp,

        @JsonProperty(Fields.HOST) String host,
        @JsonProperty(Fields.SEVERITY) Severity severity,

        @JsonProperty(Fields.KIND) String kind,

        @JsonProperty(Fields.TOPIC) String topic,

        @JsonProperty(Fields.MESSAGE) @Nullable String message,

        @JsonProperty(Fields.CPU_USAGE) @Nullable Double cpuUsage,
        @JsonProperty(Fields.MEMORY_USAGE) @Nullable MemoryUsage memoryUsage,
        @JsonProperty(Fields.NETWORK) @Nullable Network network,

        @JsonProperty(Fields.THREATS) @Nullable List<Threat> threats,

        @JsonIgnore Map<String, Object> rest)
        implements StoredDocument {

    /**
     * @param used bytes
     * @param total bytes
     */
    @Serdeable.Serializable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
    public record MemoryUsage(
            @JsonProperty(Fields.MEMORY_USED) @Nullable Long used,

            @JsonProperty(Fields.MEMORY_TOTAL) @Nullable Long total,

            @JsonProperty(Fields.MEMORY_PERCENTAGE) @Nullable
            Double percentage,

            @JsonIgnore Map<String, Object> rest)
            implements StoredDocument {}

    /** A metric sample's rates; an event's ECS network fields ({@code network.transport}) share the object. */
    @Serdeable.Serializable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
    public record Network(
            @JsonProperty(Fields.NET_IN) @Nullable Double inBytesPerSec,
            @JsonProperty(Fields.NET_OUT) @Nullable Double outBytesPerSec,
            @JsonIgnore Map<String, Object> rest)
            implements StoredDocument {}

    /** A single-event rule the log matched. */
    @Serdeable.Serializable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
    public record Threat(
            @JsonProperty(Fields.THREAT_RULE_ID) String ruleId,
            @JsonProperty(Fields.THREAT_TITLE) String title,
            @JsonProperty(Fields.THREAT_SEVERITY) Severity severity,
            @JsonProperty(Fields.THREAT_TAGS) List<String> tags,
            @JsonIgnore Map<String, Object> rest)
            implements StoredDocument {}
}
