package io.vigil.query.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.common.Fields;
import io.vigil.query.es.Elasticsearch;
import io.vigil.query.search.Filters;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Runs one page of {@link LogQuery} without sorting every matching log when there are many.
 *
 * <p>Elasticsearch 7.10 sorts all matches to find the newest page: at a million logs that is
 * about 90 ms a page on two cores, while counting them takes 2 ms and sorting a few thousand
 * almost nothing (LogsLatencyMeasureTest, {@code -Dvigil.measure.rich=true}). Neither dropping
 * the exact total nor a sort on the time alone got Elasticsearch to skip work; index sorting did
 * (14 ms), but slowed bulk indexing by half, which the ingest rate cannot afford.
 *
 * <p>So a large result is read in three cheap steps: count the matches (the exact total) and find
 * the newest and oldest; then widen a time window back from the newest (or from the cursor),
 * starting where an even spread would hold the page twice, until it holds the page, counting only
 * up to what the page needs; then sort just that window. The page is the
 * one a plain search gives: the sort's first key is the time, so every log outside the window
 * sorts after every log in it. Small results keep the one plain search.
 */
final class NewestFirstSearch {
    /** Up to this many matches one plain search is as fast as the steps. */
    static final long PLAIN_UP_TO = 20_000;

    static final List<Duration> WINDOWS = List.of(
            Duration.ofSeconds(10),
            Duration.ofMinutes(1),
            Duration.ofMinutes(10),
            Duration.ofHours(1),
            Duration.ofHours(6),
            Duration.ofDays(1),
            Duration.ofDays(7));

    private final Elasticsearch elasticsearch;
    private final long plainUpTo;

    NewestFirstSearch(Elasticsearch elasticsearch) {
        this(elasticsearch, PLAIN_UP_TO);
    }

    NewestFirstSearch(Elasticsearch elasticsearch, long plainUpTo) {
        this.elasticsearch = elasticsearch;
        this.plainUpTo = plainUpTo;
    }

    /** The search answer for the page, with the exact total; empty when the index does not exist. */
    Optional<JsonNode> run(String index, LogQuery query) {
        ObjectMapper mapper = elasticsearch.mapper();
        ObjectNode body = query.searchBody();
        JsonNode filter = body.get("query");

        ObjectNode head = mapper.createObjectNode();
        head.put("size", 0);
        head.put("track_total_hits", true);
        head.set("query", filter);
        ObjectNode aggs = head.putObject("aggs");
        aggs.putObject("newest").putObject("max").put("field", Fields.TIMESTAMP);
        aggs.putObject("oldest").putObject("min").put("field", Fields.TIMESTAMP);
        Optional<JsonNode> counted = elasticsearch.search(index, head);
        if (counted.isEmpty()) {
            return counted;
        }
        long total = counted.get().path("hits").path("total").path("value").asLong();
        JsonNode newest = counted.get().path("aggregations").path("newest").path("value");
        JsonNode oldest = counted.get().path("aggregations").path("oldest").path("value");
        if (total <= plainUpTo || !newest.isNumber() || !oldest.isNumber()) {
            return elasticsearch.search(index, body);
        }
        // After a cursor, the window reaches back from the cursor's time. Logs of exactly that
        // time may sort before the cursor (the tiebreakers decide), so only older ones are
        // counted: each of them is surely after the cursor.
        Long cursorTime = query.paging().after() != null
                        && query.paging().after().values().get(0) instanceof Long at
                ? at
                : null;
        long anchor = cursorTime != null ? cursorTime : newest.asLong();
        int needed = body.path("from").asInt() + body.path("size").asInt();
        // Each probe evaluates the filter again (a host glob is not free): start at the window
        // that would hold twice the page if the matches were spread evenly.
        double perMilli = total / (double) Math.max(1, newest.asLong() - oldest.asLong());
        int first = 0;
        while (first < WINDOWS.size() - 1 && perMilli * WINDOWS.get(first).toMillis() < 2.0 * needed) {
            first++;
        }
        for (Duration window : WINDOWS.subList(first, WINDOWS.size())) {
            long from = anchor - window.toMillis();
            ObjectNode windowed = within(mapper, filter, from, null);
            ObjectNode probe = mapper.createObjectNode();
            probe.put("size", 0);
            probe.put("track_total_hits", needed);
            probe.set("query", cursorTime == null ? windowed : within(mapper, filter, from, cursorTime));
            long inWindow = elasticsearch
                    .search(index, probe)
                    .map(a -> a.path("hits").path("total").path("value").asLong())
                    .orElse(0L);
            if (inWindow >= needed) {
                ObjectNode narrowed = body.deepCopy();
                narrowed.put("track_total_hits", false);
                narrowed.set("query", windowed);
                return elasticsearch.search(index, narrowed).map(answer -> withTotal(answer, total));
            }
        }
        return elasticsearch.search(index, body);
    }

    /** The filter, and a time at or after {@code fromMillis} (and before {@code beforeMillis}, when given). */
    private static ObjectNode within(ObjectMapper mapper, JsonNode filter, long fromMillis, Long beforeMillis) {
        return new Filters(mapper)
                .add((ObjectNode) filter)
                .range(
                        Fields.TIMESTAMP,
                        Instant.ofEpochMilli(fromMillis),
                        beforeMillis == null ? null : Instant.ofEpochMilli(beforeMillis))
                .toQuery();
    }

    private static JsonNode withTotal(JsonNode answer, long total) {
        if (answer.path("hits") instanceof ObjectNode hits) {
            hits.putObject("total").put("value", total).put("relation", "eq");
        }
        return answer;
    }
}
