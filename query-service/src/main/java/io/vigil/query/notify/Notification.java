package io.vigil.query.notify;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.vigil.common.Severity;
import io.vigil.query.search.ListSearch;
import io.vigil.query.search.StoredDocument;
import java.util.List;
import java.util.Map;

/**
 * One notification as {@code GET /notifications} answers it: {@code id} ({@code CHANNEL:ALERT_ID},
 * {@code :resolve} for a resolve), then the stored document of {@code PREFIX-notifications}
 * (template {@code notifications.json}): the fields {@link AlertIntake} writes when it claims the
 * alert, then those the sender adds on the way. A field that is missing, null or of another type
 * stays in {@link #rest} as stored ({@code "http_status":null} stays null), so the answer is the document.
 *
 * @param channelType slack, pagerduty or webhook
 * @param action trigger or resolve
 * @param status pending, sending, retry, delivered, dead or skipped
 * @param createdAt ISO-8601, UTC
 * @param updatedAt ISO-8601, UTC
 * @param notBefore ISO-8601, UTC: not sent before (grouping, quiet hours, retry backoff)
 * @param reason why it was skipped
 * @param leaseUntil ISO-8601, UTC: while sending, when another sender may take it over
 * @param messageId the message it went out in (one message may carry several alerts)
 * @param messageSize alerts in that message
 * @param deliveredAt ISO-8601, UTC
 * @param httpStatus the receiver's answer to the last attempt
 */
@Serdeable.Serializable
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(
        description = "An alert's notification on a channel, with its delivery state.",
        additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
public record Notification(
        @JsonProperty(ListSearch.ID) String id,
        @JsonProperty(DeliveryRecord.CHANNEL) String channel,

        @JsonProperty(DeliveryRecord.CHANNEL_TYPE) String channelType,

        @JsonProperty(DeliveryRecord.ALERT_ID) String alertId,

        @JsonProperty(DeliveryRecord.ACTION) String action,

        @JsonProperty(DeliveryRecord.STATUS) String status,

        @JsonProperty(DeliveryRecord.RULE_ID) @Nullable String ruleId,
        @JsonProperty(DeliveryRecord.TITLE) @Nullable String title,
        @JsonProperty(DeliveryRecord.SEVERITY) @Nullable Severity severity,
        @JsonProperty(DeliveryRecord.HOST) @Nullable String host,
        @JsonProperty(DeliveryRecord.HOSTS) @Nullable List<String> hosts,

        @JsonProperty(DeliveryRecord.CREATED_AT) String createdAt,

        @JsonProperty(DeliveryRecord.UPDATED_AT) @Nullable String updatedAt,

        @JsonProperty(DeliveryRecord.NOT_BEFORE) @Nullable String notBefore,

        @JsonProperty(DeliveryRecord.ATTEMPTS) @Nullable Long attempts,

        @JsonProperty(DeliveryRecord.REASON) @Nullable String reason,

        @JsonProperty(DeliveryRecord.LEASE_UNTIL) @Nullable String leaseUntil,

        @JsonProperty(DeliveryRecord.MESSAGE_ID) @Nullable String messageId,

        @JsonProperty(DeliveryRecord.MESSAGE_SIZE) @Nullable Long messageSize,

        @JsonProperty(DeliveryRecord.DELIVERED_AT) @Nullable String deliveredAt,

        @JsonProperty(DeliveryRecord.HTTP_STATUS) @Nullable Long httpStatus,

        @JsonProperty(DeliveryRecord.LAST_ERROR) @Nullable String lastError,
        @JsonIgnore Map<String, Object> rest)
        implements StoredDocument {}
