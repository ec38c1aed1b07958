package io.vigil.query.notify;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.vigil.common.Severity;
import io.vigil.query.search.ListSearch;
import java.util.List;
import java.util.Map;

/**
 * One notification as {@code GET /notifications} answers it: {@code id} ({@code CHANNEL:ALERT_ID},
 * {@code :resolve} for a resolve), then the stored document of {@code PREFIX-notifications}
 * (template {@code notifications.json}): the fields {@link AlertIntake} writes when it claims the
 * alert, then those the sender adds on the way. A field that is missing, null or of another type
 * stays in {@link #rest} as stored ({@code "http_status":null} stays null), so the answer is the document.
 */
@Serdeable.Serializable
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(
        description = "An alert's notification on a channel, with its delivery state.",
        additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
public record Notification(
        @JsonProperty(ListSearch.ID) String id,
        @JsonProperty(DeliveryRecord.CHANNEL) String channel,

        @Schema(description = "slack, pagerduty or webhook", requiredMode = Schema.RequiredMode.REQUIRED)
        @JsonProperty(DeliveryRecord.CHANNEL_TYPE)
        String channelType,

        @JsonProperty(DeliveryRecord.ALERT_ID) String alertId,

        @Schema(description = "trigger or resolve", requiredMode = Schema.RequiredMode.REQUIRED)
        @JsonProperty(DeliveryRecord.ACTION)
        String action,

        @Schema(
                description = "pending, sending, retry, delivered, dead or skipped",
                requiredMode = Schema.RequiredMode.REQUIRED)
        @JsonProperty(DeliveryRecord.STATUS)
        String status,

        @JsonProperty(DeliveryRecord.RULE_ID) @Nullable String ruleId,
        @JsonProperty(DeliveryRecord.TITLE) @Nullable String title,
        @JsonProperty(DeliveryRecord.SEVERITY) @Nullable Severity severity,
        @JsonProperty(DeliveryRecord.HOST) @Nullable String host,
        @JsonProperty(DeliveryRecord.HOSTS) @Nullable List<String> hosts,

        @Schema(description = "ISO-8601, UTC", requiredMode = Schema.RequiredMode.REQUIRED)
        @JsonProperty(DeliveryRecord.CREATED_AT)
        String createdAt,

        @Schema(description = "ISO-8601, UTC") @JsonProperty(DeliveryRecord.UPDATED_AT) @Nullable
        String updatedAt,

        @Schema(description = "ISO-8601, UTC: not sent before (grouping, quiet hours, retry backoff)")
        @JsonProperty(DeliveryRecord.NOT_BEFORE)
        @Nullable
        String notBefore,

        @JsonProperty(DeliveryRecord.ATTEMPTS) @Nullable Long attempts,

        @Schema(description = "why it was skipped") @JsonProperty(DeliveryRecord.REASON) @Nullable
        String reason,

        @Schema(description = "ISO-8601, UTC: while sending, when another sender may take it over")
        @JsonProperty(DeliveryRecord.LEASE_UNTIL)
        @Nullable
        String leaseUntil,

        @Schema(description = "the message it went out in (one message may carry several alerts)")
        @JsonProperty(DeliveryRecord.MESSAGE_ID)
        @Nullable
        String messageId,

        @Schema(description = "alerts in that message") @JsonProperty(DeliveryRecord.MESSAGE_SIZE) @Nullable
        Long messageSize,

        @Schema(description = "ISO-8601, UTC") @JsonProperty(DeliveryRecord.DELIVERED_AT) @Nullable
        String deliveredAt,

        @Schema(description = "the receiver's answer to the last attempt")
        @JsonProperty(DeliveryRecord.HTTP_STATUS)
        @Nullable
        Long httpStatus,

        @JsonProperty(DeliveryRecord.LAST_ERROR) @Nullable String lastError,
        @JsonIgnore Map<String, Object> rest) {

    /** The stored fields this record does not type. */
    @JsonAnyGetter
    public Map<String, Object> others() {
        return rest;
    }
}
