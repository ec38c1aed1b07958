package io.vigil.query.rules;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.vigil.common.RuleFields;
import io.vigil.common.Severity;
import io.vigil.query.search.DocumentRecords;
import io.vigil.query.search.ListSearch;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One loaded rule as {@code GET /rules} answers it: {@code id}, the rule catalog's document
 * (template {@code rules.json}, written by the job when it starts) and the counts of the alerts the
 * caller may see. The catalog's fields are typed in the order the job writes them; a field that is
 * missing, null or of another type stays in {@link #rest} as stored, like any field this record does
 * not know, so the answer is the document plus the counts.
 */
@Serdeable.Serializable
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(
        description = "A rule the job loaded, with the alerts it raised that the caller may see.",
        additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
public record Rule(
        @JsonProperty(ListSearch.ID) String id,
        @JsonProperty(RuleFields.TITLE) String title,
        @JsonProperty(RuleFields.DESCRIPTION) @Nullable String description,

        @Schema(description = "match, count, threshold or sequence", requiredMode = Schema.RequiredMode.REQUIRED)
        @JsonProperty(RuleFields.KIND)
        String kind,

        @JsonProperty(RuleFields.SEVERITY) Severity severity,
        @JsonProperty(RuleFields.TAGS) List<String> tags,
        @JsonProperty(RuleFields.ENABLED) Boolean enabled,
        @JsonProperty(RuleFields.GROUP_BY) @Nullable List<String> groupBy,

        @Schema(description = "the file it was read from") @JsonProperty(RuleFields.SOURCE) @Nullable
        String source,

        @Schema(description = "live or shadow (its alerts are stored marked shadow and notify nobody)")
        @JsonProperty(RuleFields.MODE)
        @Nullable
        String mode,

        @Schema(description = "its logsource as declared, e.g. product=linux service=sshd")
        @JsonProperty(RuleFields.LOGSOURCE)
        @Nullable
        String logsource,

        @Schema(description = "why it never runs, when it is dormant") @JsonProperty(RuleFields.DORMANT) @Nullable
        String dormant,

        @Schema(description = "ISO-8601, UTC: when the job loaded it") @JsonProperty(RuleFields.LOADED_AT) @Nullable
        String loadedAt,

        @Schema(description = "the version (SHA-256) of the rule set it was loaded from")
        @JsonProperty(RuleFields.RULE_SET)
        @Nullable
        String ruleSet,

        @Schema(description = "alerts it raised", requiredMode = Schema.RequiredMode.REQUIRED)
        @JsonProperty(ALERT_COUNT)
        long alertCount,

        @Schema(description = "the sum of its alerts' count", requiredMode = Schema.RequiredMode.REQUIRED)
        @JsonProperty(HIT_COUNT)
        long hitCount,

        @Schema(
                description = "its alerts first seen in the last 24 hours, shadow ones too",
                requiredMode = Schema.RequiredMode.REQUIRED)
        @JsonProperty(ALERTS_24H)
        long alerts24h,

        @JsonIgnore Map<String, Object> rest) {

    public static final String ALERT_COUNT = "alert_count";
    public static final String HIT_COUNT = "hit_count";
    public static final String ALERTS_24H = "alerts_24h";

    /** A catalog item ({@code id} and the stored fields) with its counts, which replace any stored under their names. */
    public static Rule of(Map<String, Object> item, long alertCount, long hitCount, long alerts24h) {
        Map<String, Object> counted = new LinkedHashMap<>(item);
        counted.put(ALERT_COUNT, alertCount);
        counted.put(HIT_COUNT, hitCount);
        counted.put(ALERTS_24H, alerts24h);
        return DocumentRecords.read(Rule.class, counted);
    }

    /** The stored fields this record does not type. */
    @JsonAnyGetter
    public Map<String, Object> others() {
        return rest;
    }
}
