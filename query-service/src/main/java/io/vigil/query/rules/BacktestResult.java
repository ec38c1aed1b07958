package io.vigil.query.rules;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.vigil.query.search.StoredDocument;
import java.util.List;
import java.util.Map;

/**
 * What {@code POST /rules/backtest} answers: the JSON line {@code ./vigil rules backtest --json}
 * printed (BacktestCommand in detection), passed on as it is. Its fields are typed where present; a
 * field missing, null or of another type stays in {@link #rest}, so the answer is what the command
 * printed.
 *
 * @param from ISO-8601, UTC
 * @param to ISO-8601, UTC
 * @param index the logs alias it read
 * @param events stored events it read
 * @param rulesRun rules it ran (enabled and not dormant)
 * @param protectedFieldsRead whether protected fields were decrypted for the rules (clear roles only)
 * @param alerts each with id and the alert document's fields (as in GET /alerts), without status
 * @param byRule rule id: how many alerts
 */
@Serdeable.Serializable
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(
        description = "The alerts the current rules would have raised over the stored events of a range.",
        additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
public record BacktestResult(
        @JsonProperty(FROM) String from,

        @JsonProperty(TO) String to,

        @JsonProperty(INDEX) @Nullable String index,

        @JsonProperty(EVENTS) Long events,

        @JsonProperty(RULES_RUN) @Nullable Long rulesRun,

        @JsonProperty(RULES_LOADED) @Nullable Long rulesLoaded,

        @JsonProperty(PROTECTED_FIELDS_READ) @Nullable Boolean protectedFieldsRead,

        // Alert documents as the job would write them, without status: an Alert's fields, kept open
        // because they come from another program's output and the Alert schema requires a status.

        @JsonProperty(ALERTS) List<Map<String, Object>> alerts,

        @JsonProperty(BY_RULE) Map<String, Long> byRule,

        @JsonIgnore Map<String, Object> rest)
        implements StoredDocument {

    static final String FROM = "from";
    static final String TO = "to";
    static final String INDEX = "index";
    static final String EVENTS = "events";
    static final String RULES_RUN = "rules_run";
    static final String RULES_LOADED = "rules_loaded";
    static final String PROTECTED_FIELDS_READ = "protected_fields_read";
    static final String ALERTS = "alerts";
    static final String BY_RULE = "by_rule";
}
