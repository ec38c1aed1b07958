package io.vigil.query.alerts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.vigil.common.AlertFields;
import io.vigil.common.Severity;
import io.vigil.query.search.ListSearch;
import io.vigil.query.search.StoredDocument;
import java.util.List;
import java.util.Map;

/**
 * One alert as the API answers it ({@code GET /alerts}, {@code GET /alerts/{id}}, {@code PATCH}):
 * {@code id}, then the stored document (template {@code alerts.json}) with its protected values
 * shown or masked. The fields the job writes are typed, in the order it writes them; anything else
 * the document holds (and a field that is null or of another type) is kept as stored in
 * {@link #rest}, so the answer is the document, not a subset of it. Non-null fields without
 * {@code @Nullable} are the ones CONTRACT.md promises every alert has.
 *
 * @param summary protected values shown in clear or masked, as the caller may see them
 * @param host the host of the first evidence
 * @param hosts every host among the evidence; missing in alerts stored before it existed
 * @param firstSeen ISO-8601, UTC
 * @param lastSeen ISO-8601, UTC
 * @param count how many times it fired (events or windows)
 * @param updatedAt when the job last wrote it (processing time)
 * @param shadow raised by a rule in shadow mode
 * @param status open, acknowledged or closed
 * @param eventIds ids of the matched logs
 * @param context the rule kind's facts (window, threshold, steps, detector ...)
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

        @JsonProperty(AlertFields.SUMMARY) @Nullable String summary,

        @JsonProperty(AlertFields.SEVERITY) Severity severity,
        @JsonProperty(AlertFields.TAGS) List<String> tags,

        @JsonProperty(AlertFields.HOST) String host,

        @JsonProperty(AlertFields.HOSTS) @Nullable List<String> hosts,

        @JsonProperty(AlertFields.GROUP_KEY) String groupKey,

        @JsonProperty(AlertFields.FIRST_SEEN) String firstSeen,

        @JsonProperty(AlertFields.LAST_SEEN) String lastSeen,

        @JsonProperty(AlertFields.COUNT) Long count,

        @JsonProperty(AlertFields.UPDATED_AT) @Nullable String updatedAt,

        @JsonProperty(AlertFields.SHADOW) @Nullable Boolean shadow,

        @JsonProperty(AlertFields.STATUS) String status,

        @JsonProperty(AlertFields.EVENT_IDS) List<String> eventIds,

        @JsonProperty(AlertFields.CONTEXT) @Nullable Map<String, Object> context,

        @JsonProperty(AlertFields.STATUS_CHANGED_AT) @Nullable
        String statusChangedAt,

        @JsonProperty(AlertFields.STATUS_CHANGED_BY) @Nullable
        String statusChangedBy,

        @JsonIgnore Map<String, Object> rest)
        implements StoredDocument {}
