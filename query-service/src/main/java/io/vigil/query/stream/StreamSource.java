package io.vigil.query.stream;

import io.vigil.query.search.Filters;
import io.vigil.query.search.SortSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What a live stream sends, as its endpoint describes it; {@link LiveStreams} adds the settings and
 * {@link StreamPoller} the polling.
 *
 * @param filters     the caller's filters, host scope included
 * @param sort        ascending, unique key; the first field is the one {@code start} applies to
 * @param settleField first sort field when it is a time to hold back by {@code vigil.stream.settle}, else null
 * @param eventName   the SSE event name of every item
 * @param position    the resume position (from Last-Event-ID), or what gives the starting one when the first
 *                    poll runs, on the polling scheduler: it may search Elasticsearch (null from it: start at
 *                    {@code start})
 * @param start       lower bound of the first field when there is no position, or null for none
 * @param view        the item sent for a stored document: what the caller may see of it, typed as the
 *                    list endpoint's items are, so a streamed item and a listed one are the same JSON
 */
public record StreamSource<T>(
        String index,
        Filters filters,
        SortSpec sort,
        String settleField,
        String eventName,
        Supplier<List<Object>> position,
        Instant start,
        Function<Map<String, Object>, T> view) {}
