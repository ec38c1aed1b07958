package io.vigil.query.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vigil.common.AlertFields;
import io.vigil.common.Indices;
import io.vigil.query.VigilConfig;
import io.vigil.query.alerts.AlertScope;
import io.vigil.query.es.Elasticsearch;
import io.vigil.query.search.Filters;
import io.vigil.query.search.HostScope;
import io.vigil.query.search.ItemList;
import io.vigil.query.search.ListSearch;
import io.vigil.query.security.Roles;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /rules}: the rules the job loaded (it writes their metadata to the rules index when it
 * starts: mode, logsource, dormant with its reason, the rule set's version), each with
 * {@code alert_count} (alerts it raised), {@code hit_count} (the events those alerts counted) and
 * {@code alerts_24h} (alerts first seen in the last 24 hours: for a rule in shadow mode, the rate at
 * which it would alert analysts), all over the alerts the caller may see, shadow ones included.
 */
@Controller("/rules")
@Secured({Roles.VIEWER, Roles.ANALYST, Roles.ADMIN})
@Tag(name = "rules")
public class RulesController {
    /** More rules than this would be a different product; the index holds one document per rule. */
    static final int MAX_RULES = 10_000;

    private final Elasticsearch elasticsearch;
    private final Indices indices;

    public RulesController(Elasticsearch elasticsearch, VigilConfig config) {
        this.elasticsearch = elasticsearch;
        this.indices = config.indices();
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(
            operationId = "listRules",
            summary = "Loaded rules",
            description = "id, title, kind, severity, tags, enabled, ... with "
                    + "alert_count and hit_count (sum of the alerts' count), ordered by id.")
    public ItemList<Rule> rules(Authentication authentication) {
        ObjectMapper mapper = elasticsearch.mapper();
        Map<String, long[]> counts = alertCounts(HostScope.of(authentication));
        ObjectNode body = mapper.createObjectNode();
        body.put("size", MAX_RULES);
        // sorted below by id, not by Elasticsearch: sorting on _id is deprecated in ES 7.10
        List<Rule> items = new ArrayList<>();
        elasticsearch.search(indices.rules(), body).ifPresent(answer -> {
            for (JsonNode hit : answer.path("hits").path("hits")) {
                Map<String, Object> item = ListSearch.item(hit, mapper);
                long[] c = counts.getOrDefault(String.valueOf(item.get(ListSearch.ID)), new long[3]);
                items.add(Rule.of(item, c[0], c[1], c[2]));
            }
        });
        items.sort(Comparator.comparing(Rule::id));
        return ItemList.of(items);
    }

    /** rule id → {alerts, sum of count, alerts of the last 24 h}, from one terms aggregation over the visible alerts. */
    private Map<String, long[]> alertCounts(HostScope scope) {
        ObjectMapper mapper = elasticsearch.mapper();
        Filters filters = new Filters(mapper);
        AlertScope.addTo(scope, filters);
        ObjectNode body = mapper.createObjectNode();
        body.put("size", 0);
        body.set("query", filters.toQuery());
        ObjectNode terms = body.putObject("aggs").putObject("rules");
        terms.putObject("terms").put("field", AlertFields.RULE_ID).put("size", MAX_RULES);
        ObjectNode aggs = terms.putObject("aggs");
        aggs.putObject("hits").putObject("sum").put("field", AlertFields.COUNT);
        aggs.putObject("recent")
                .putObject("filter")
                .putObject("range")
                .putObject(AlertFields.FIRST_SEEN)
                .put("gte", "now-24h");
        Map<String, long[]> counts = new HashMap<>();
        elasticsearch.search(indices.alerts(), body).ifPresent(answer -> {
            for (JsonNode bucket : answer.path("aggregations").path("rules").path("buckets")) {
                counts.put(bucket.path("key").asText(), new long[] {
                    bucket.path("doc_count").asLong(),
                    Math.round(bucket.path("hits").path("value").asDouble()),
                    bucket.path("recent").path("doc_count").asLong()
                });
            }
        });
        return counts;
    }
}
