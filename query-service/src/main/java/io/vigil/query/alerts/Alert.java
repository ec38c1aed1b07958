package io.vigil.query.alerts;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.vigil.common.AlertFields;
import io.vigil.common.Severity;
import io.vigil.query.search.ListSearch;
import java.util.List;
import java.util.Map;

/**
 * One alert as the API answers it ({@code GET /alerts}, {@code GET /alerts/{id}}, {@code PATCH}):
 * {@code id}, then the stored document (template {@code alerts.json}) with its protected values
 * shown or masked. The fields the job writes are typed, in the order it writes them; anything else
 * the document holds (and a field that is null or of another type) is kept as stored in
 * {@link #rest}, so the answer is the document, not a subset of it. Non-null fields without
 * {@code @Nullable} are the ones CONTRACT.md promises every alert has.
 */
@Serdeable.Serializable
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(
        description = "An alert: a rule that fired for a group, with the events that matched.",
        additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
public record Alert(
        @JsonProperty(ListSearch.ID) String id,
        @JsonProperty(AlertFields.RULE_ID) String ruleId,
        @JsonProperty(AlertFields.TITLE) String title,
        @JsonProperty(AlertFields.DESCRIPTION) @Nullable String description,

        @Schema(description = "protected values shown in clear or masked, as the caller may see them")
        @JsonProperty(AlertFields.SUMMARY)
        @Nullable
        String summary,

        @JsonProperty(AlertFields.SEVERITY) Severity severity,
        @JsonProperty(AlertFields.TAGS) List<String> tags,

        @Schema(description = "the host of the first evidence", requiredMode = Schema.RequiredMode.REQUIRED)
        @JsonProperty(AlertFields.HOST)
        String host,

        @Schema(description = "every host among the evidence; missing in alerts stored before it existed")
        @JsonProperty(AlertFields.HOSTS)
        @Nullable
        List<String> hosts,

        @JsonProperty(AlertFields.GROUP_KEY) String groupKey,

        @Schema(description = "ISO-8601, UTC", requiredMode = Schema.RequiredMode.REQUIRED)
        @JsonProperty(AlertFields.FIRST_SEEN)
        String firstSeen,

        @Schema(description = "ISO-8601, UTC", requiredMode = Schema.RequiredMode.REQUIRED)
        @JsonProperty(AlertFields.LAST_SEEN)
        String lastSeen,

        @Schema(
                description = "how many times it fired (events or windows)",
                requiredMode = Schema.RequiredMode.REQUIRED)
        @JsonProperty(AlertFields.COUNT)
        Long count,

        @Schema(description = "when the job last wrote it (processing time)")
        @JsonProperty(AlertFields.UPDATED_AT)
        @Nullable
        String updatedAt,

        @Schema(description = "raised by a rule in shadow mode") @JsonProperty(AlertFields.SHADOW) @Nullable
        Boolean shadow,

        @Schema(description = "open, acknowledged or closed", requiredMode = Schema.RequiredMode.REQUIRED)
        @JsonProperty(AlertFields.STATUS)
        String status,

        @Schema(description = "ids of the matched logs", requiredMode = Schema.RequiredMode.REQUIRED)
        @JsonProperty(AlertFields.EVENT_IDS)
        List<String> eventIds,

        @Schema(description = "the rule kind's facts (window, threshold, steps, detector ...)")
        @JsonProperty(AlertFields.CONTEXT)
        @Nullable
        Map<String, Object> context,

        @JsonProperty(AlertFields.STATUS_CHANGED_AT) @Nullable
        String statusChangedAt,

        @JsonProperty(AlertFields.STATUS_CHANGED_BY) @Nullable
        String statusChangedBy,

        @JsonIgnore Map<String, Object> rest) {

    /** The stored fields this record does not type, written after the typed ones. */
    @JsonAnyGetter
    public Map<String, Object> others() {
        return rest;
    }
}
