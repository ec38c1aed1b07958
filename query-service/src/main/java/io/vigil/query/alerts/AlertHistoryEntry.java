package io.vigil.query.alerts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.vigil.common.AlertFields;
import io.vigil.query.search.ListSearch;
import io.vigil.query.search.StoredDocument;
import java.util.Map;

/**
 * One audited status change as {@code GET /alerts/{id}/history} answers it: {@code id}, then the
 * stored document of {@code PREFIX-alert-history} as {@link AlertStatusChanges} writes it. Like
 * {@link Alert}, a field that is missing, null or of another type stays in {@link #rest} as stored
 * ({@code "note":null} stays null), so the answer is the document.
 *
 * @param timestamp ISO-8601, UTC
 * @param fromStatus open, acknowledged or closed
 * @param toStatus open, acknowledged or closed
 * @param note null when the change had none
 */
@Serdeable.Serializable
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(
        description = "One status change of an alert: who, when, from which status to which, and the note.",
        additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
public record AlertHistoryEntry(
        @JsonProperty(ListSearch.ID) String id,
        @JsonProperty(AlertFields.HISTORY_ALERT_ID) String alertId,

        @JsonProperty(AlertFields.HISTORY_TIMESTAMP) String timestamp,

        @JsonProperty(AlertFields.HISTORY_USER) String user,

        @JsonProperty(AlertFields.HISTORY_FROM) String fromStatus,
        @JsonProperty(AlertFields.HISTORY_TO) String toStatus,
        @JsonProperty(AlertFields.HISTORY_NOTE) @Nullable String note,

        @JsonIgnore Map<String, Object> rest)
        implements StoredDocument {}
