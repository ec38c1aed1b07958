package io.vigil.query.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.http.sse.Event;
import io.vigil.query.es.Elasticsearch;
import io.vigil.query.search.ListSearch;
import io.vigil.query.search.SortSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
    private final StreamSource<T> source;
    private final ObjectNode query;
    private final Duration settle;
    private final int batch;
    private List<Object> position;
    /** Looked up by the first poll (an Elasticsearch search: never on the event loop), then null. */
    private Supplier<List<Object>> startPosition;

    StreamPoller(Elasticsearch elasticsearch, StreamSource<T> source, Duration settle, int batch) {
        this.elasticsearch = elasticsearch;
        this.source = source;
        this.query = source.filters().toQuery();
        this.settle = settle;
        this.batch = batch;
        this.startPosition = source.position();
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
        SortSpec sort = source.sort();
        String first = sort.fields().get(0).name();
        String settleField = source.settleField();
        Instant start = source.start();
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
        JsonNode answer = elasticsearch.search(source.index(), body).orElse(null);
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
            T item = source.view().apply(ListSearch.item(hit, elasticsearch.mapper()));
            events.add(Event.of(item).id(StreamPositions.encode(values)).name(source.eventName()));
        }
        return events;
    }
}
