package io.vigil.query.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.common.AlertFields;
import io.vigil.query.params.Params;
import io.vigil.query.params.TimeRange;
import io.vigil.query.search.Filters;
import io.vigil.query.search.HostScope;
import java.time.Instant;
import java.util.List;

/**
 * The filters of {@code GET /alerts} and {@code GET /alerts/stream}. {@code from}/{@code to} select
 * the alerts active in that range: first seen before {@code to} and last seen at or after
 * {@code from} (an alert that began yesterday and is still firing belongs to "the last hour").
 */
record AlertFilter(
        List<String> severities, List<String> statuses, String host, String ruleId, TimeRange range, HostScope scope) {

    static AlertFilter parse(
            String severity,
            String status,
            String host,
            String ruleId,
            String from,
            String to,
            HostScope scope,
            Instant now) {
        return new AlertFilter(
                Params.severities("severity", severity),
                Params.statuses("status", status),
                Params.host("host", host),
                Params.keyword("rule_id", ruleId),
                TimeRange.parse(from, to, now),
                scope);
    }

    Filters toFilters(ObjectMapper mapper) {
        Filters filters = new Filters(mapper)
                .terms(AlertFields.SEVERITY, severities)
                .terms(AlertFields.STATUS, statuses)
                .hostIn(List.of(AlertFields.HOSTS, AlertFields.HOST), host)
                .term(AlertFields.RULE_ID, ruleId)
                .range(AlertFields.FIRST_SEEN, null, range.to())
                .range(AlertFields.LAST_SEEN, range.from(), null);
        AlertScope.addTo(scope, filters);
        return filters;
    }
}
