package io.vigil.query.logs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.common.Fields;
import io.vigil.query.params.Params;
import io.vigil.query.params.TimeRange;
import io.vigil.query.search.Filters;
import io.vigil.query.search.HostScope;
import java.time.Instant;
import java.util.List;

/**
 * The filters of {@code GET /logs} and {@code GET /logs/stream}, checked: {@code host} (exact or
 * glob), {@code severity} (list), {@code from}/{@code to}, {@code q} (full text over the message),
 * {@code kind}, {@code field} ({@link FieldMatch}), {@code ids} (the list only); plus the caller's host scope,
 * which no parameter can widen.
 */
public record LogFilter(
        String host,
        List<String> severities,
        TimeRange range,
        String q,
        String kind,
        HostScope scope,
        FieldMatch field,
        List<String> ids) {
    /** Operators a user may type; fuzzy, near and slop are left out (costly, rarely meant). */
    static final String QUERY_FLAGS = "AND|OR|NOT|PHRASE|PREFIX|PRECEDENCE|ESCAPE|WHITESPACE";

    public static LogFilter parse(
            String host, String severity, String from, String to, String q, String kind, HostScope scope, Instant now) {
        return new LogFilter(
                Params.host("host", host),
                Params.severities("severity", severity),
                TimeRange.parse(from, to, now),
                Params.freeText("q", q),
                Params.kind("kind", kind),
                scope,
                null,
                List.of());
    }

    /** The same filter, also requiring an exact field value ({@code field=name:value}); null adds nothing. */
    public LogFilter withField(FieldMatch match) {
        return new LogFilter(host, severities, range, q, kind, scope, match, ids);
    }

    /**
     * The same filter, also requiring one of these document ids: an alert's matched events in one
     * request, where a missing one is simply absent from the page (not a 404 per id).
     */
    public LogFilter withIds(List<String> documentIds) {
        return new LogFilter(host, severities, range, q, kind, scope, field, List.copyOf(documentIds));
    }

    public Filters toFilters(ObjectMapper mapper) {
        Filters filters = new Filters(mapper)
                .host(Fields.HOST, host)
                .terms(Fields.SEVERITY, severities)
                .range(Fields.TIMESTAMP, range.from(), range.to())
                .term(Fields.KIND, kind)
                .ids(ids);
        if (q != null) {
            // simple_query_string never fails on syntax and cannot express anything but text
            // matching: the caller's words reach Elasticsearch as a value, never as query DSL.
            ObjectNode text = mapper.createObjectNode();
            ObjectNode sqs = text.putObject("simple_query_string");
            sqs.put("query", q);
            sqs.putArray("fields").add(Fields.MESSAGE);
            sqs.put("default_operator", "and");
            sqs.put("flags", QUERY_FLAGS);
            sqs.put("lenient", true);
            filters.add(text);
        }
        if (field != null) {
            filters.add(field.clause(mapper));
        }
        scope.addTo(filters);
        return filters;
    }
}
