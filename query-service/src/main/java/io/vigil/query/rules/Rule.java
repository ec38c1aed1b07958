package io.vigil.query.rules;

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
import io.vigil.query.search.StoredDocument;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One loaded rule as {@code GET /rules} answers it: {@code id}, the rule catalog's document
 * (template {@code rules.json}, written by the job when it starts) and the counts of the alerts the
 * caller may see. The catalog's fields are typed in the order the job writes them; a field that is
 * missing, null or of another type stays in {@link #rest} as stored, like any field this record does
 * not know, so the answer is the document plus the counts.
 *
 * @param kind match, count, threshold or sequence
 * @param source the file it was read from
 * @param mode live or shadow (its alerts are stored marked shadow and notify nobody)
 * @param logsource its logsource as declared, e.g. product=linux service=sshd
 * @param dormant why it never runs, when it is dormant
 * @param loadedAt ISO-8601, UTC: when the job loaded it
 * @param ruleSet the version (SHA-256) of the rule set it was loaded from
 * @param alertCount alerts it raised
 * @param hitCount the sum of its alerts' count
 * @param alerts24h its alerts first seen in the last 24 hours, shadow ones too
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

        @JsonProperty(RuleFields.KIND) String kind,

        @JsonProperty(RuleFields.SEVERITY) Severity severity,
        @JsonProperty(RuleFields.TAGS) List<String> tags,
        @JsonProperty(RuleFields.ENABLED) Boolean enabled,
        @JsonProperty(RuleFields.GROUP_BY) @Nullable List<String> groupBy,

        @JsonProperty(RuleFields.SOURCE) @Nullable String source,

        @JsonProperty(RuleFields.MODE) @Nullable String mode,

        @JsonProperty(RuleFields.LOGSOURCE) @Nullable String logsource,

        @JsonProperty(RuleFields.DORMANT) @Nullable String dormant,

        @JsonProperty(RuleFields.LOADED_AT) @Nullable String loadedAt,

        @JsonProperty(RuleFields.RULE_SET) @Nullable String ruleSet,

        @JsonProperty(ALERT_COUNT) long alertCount,

        @JsonProperty(HIT_COUNT) long hitCount,

        @JsonProperty(ALERTS_24H) long alerts24h,

        @JsonIgnore Map<String, Object> rest)
        implements StoredDocument {

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
}
