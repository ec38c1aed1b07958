package io.vigil.query.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.http.sse.Event;
import io.vigil.query.es.Elasticsearch;
import io.vigil.query.search.Filters;
import io.vigil.query.search.ListSearch;
import io.vigil.query.search.SortSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One open stream's position and its poll: "documents after the last one sent, in order".
 *
 * <p>Why polling: Elasticsearch 7 has no change feed, and the alternatives (a Kafka consumer per
 * stream, or a fan-out inside this service) would make the API depend on Kafka and duplicate the
 * job's parsing and host scoping. One small search per open stream and second is cheap, and it
 * applies exactly the same filters and host scope as the list endpoints.
 *
 * <p>Each poll searches with the stream's filters plus {@code order field <= now - settle} (when
 * the stream has a settle field), sorted ascending by a unique key, {@code search_after} the last
 * document sent. The settle delay keeps the stream from passing a document that is about to
 * become searchable with an earlier key. The SSE id of each event is its sort key
 * ({@link StreamPositions}), which is what {@code Last-Event-ID} resumes from.
 */
public final class StreamPoller<T> {
    private final Elasticsearch elasticsearch;
    private final String index;
    private final ObjectNode query;
    private final SortSpec sort;
    private final String settleField;
    private final Duration settle;
    private final int batch;
    private final String eventName;
    private final Function<Map<String, Object>, T> view;
    private List<Object> position;
    /** Looked up by the first poll (an Elasticsearch search: never on the event loop), then null. */
    private Supplier<List<Object>> startPosition;

    private Instant start;

    /**
     * @param filters     the caller's filters, host scope included
     * @param sort        ascending, unique key; the first field is the one {@code start} applies to
     * @param settleField first sort field when it is a time to hold back by {@code settle}, else null
     * @param position    the resume position (from Last-Event-ID), or what gives the starting one when the first
     *                    poll runs (null from it: start at {@code start})
     * @param start       lower bound of the first field when there is no position, or null for none
     * @param view        the item sent for a stored document: what the caller may see of it, typed as the
     *                    list endpoint's items are, so a streamed item and a listed one are the same JSON
     */
    StreamPoller(
            Elasticsearch elasticsearch,
            String index,
            Filters filters,
            SortSpec sort,
            String settleField,
            Duration settle,
            int batch,
            String eventName,
            Supplier<List<Object>> position,
            Instant start,
            Function<Map<String, Object>, T> view) {
        this.elasticsearch = elasticsearch;
        this.index = index;
        this.query = filters.toQuery();
        this.sort = sort;
        this.settleField = settleField;
        this.settle = settle;
        this.batch = batch;
        this.eventName = eventName;
        this.startPosition = position;
        this.start = start;
        this.view = view;
    }

    /** The events of the documents that arrived since the last poll (empty when none). */
    List<Event<T>> poll(Instant now) {
        if (startPosition != null) {
            position = startPosition.get();
            startPosition = null;
        }
        ObjectNode body = elasticsearch.mapper().createObjectNode();
        body.put("size", batch);
        body.put("track_total_hits", false);
        body.put("seq_no_primary_term", false);
        ObjectNode bool = body.putObject("query").putObject("bool");
        ArrayNode filter = bool.putArray("filter");
        filter.add(query);
        String first = sort.fields().get(0).name();
        if (settleField != null) {
            ObjectNode range = filter.addObject().putObject("range").putObject(settleField);
            range.put("lte", now.minus(settle).toEpochMilli());
            range.put("format", "epoch_millis");
        }
        if (position == null && start != null) {
            ObjectNode range = filter.addObject().putObject("range").putObject(first);
            range.put("gte", start.toEpochMilli());
            if (settleField != null && settleField.equals(first)) {
                range.put("format", "epoch_millis");
            }
        }
        body.set("sort", sort.toJson(elasticsearch.mapper()));
        if (position != null) {
            SortSpec.addValues(body.putArray("search_after"), position);
        }
        JsonNode answer = elasticsearch.search(index, body).orElse(null);
        List<Event<T>> events = new ArrayList<>();
        if (answer == null) {
            return events;
        }
        for (JsonNode hit : answer.path("hits").path("hits")) {
            List<Object> values = sort.valuesOf(hit);
            if (values == null) {
                continue;
            }
            position = values;
            T item = view.apply(ListSearch.item(hit, elasticsearch.mapper()));
            events.add(Event.of(item).id(StreamPositions.encode(values)).name(eventName));
        }
        return events;
    }
}
