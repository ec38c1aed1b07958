package io.vigil.query.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.common.Fields;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One page of {@code GET /logs}: checks the parameters, builds the Elasticsearch search body and
 * reads the answer back into the envelope {@code {"items","total","page","size","next"}}.
 * No Elasticsearch calls here, so all of it is tested without one.
 */
public final class LogQuery {
    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;
    /** Elasticsearch's default {@code index.max_result_window}: from + size may not pass it. */
    public static final int MAX_WINDOW = 10_000;
    static final int MAX_HOST_LENGTH = 255;

    private final String host;
    private final List<String> allowedHosts;
    private final int page;
    private final int size;

    private LogQuery(String host, List<String> allowedHosts, int page, int size) {
        this.host = host;
        this.allowedHosts = List.copyOf(allowedHosts);
        this.page = page;
        this.size = size;
    }

    /**
     * @param host         {@code host} parameter: exact name or glob; null for every host
     * @param page         {@code page} parameter as sent (1-based); null for 1
     * @param size         {@code size} parameter as sent; null for {@value #DEFAULT_SIZE}
     * @param allowedHosts the caller's host globs from the token; empty for every host
     * @throws BadParameterException naming the first unusable parameter
     */
    public static LogQuery parse(String host, String page, String size, List<String> allowedHosts) {
        if (host != null && (host.isBlank() || host.length() > MAX_HOST_LENGTH)) {
            throw new BadParameterException("host", "must be a host name or glob of 1-" + MAX_HOST_LENGTH + " characters");
        }
        int p = integer("page", page, 1, 1, Integer.MAX_VALUE, "an integer of at least 1");
        int s = integer("size", size, DEFAULT_SIZE, 1, MAX_SIZE, "an integer from 1 to " + MAX_SIZE);
        if ((long) p * s > MAX_WINDOW) {
            throw new BadParameterException("page", "is too deep: page × size may not exceed " + MAX_WINDOW
                    + "; use the cursor ('after' with the 'next' value of the previous page) to read further");
        }
        return new LogQuery(host, allowedHosts, p, s);
    }

    private static int integer(String name, String text, int dflt, int min, int max, String expected) {
        if (text == null) {
            return dflt;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadParameterException(name, "must be " + expected);
    }

    public int page() {
        return page;
    }

    public int size() {
        return size;
    }

    /** The {@code _search} body: filters, newest first (timestamp, then _id), exact total. */
    public ObjectNode searchBody(ObjectMapper mapper) {
        ObjectNode body = mapper.createObjectNode();
        body.put("from", (page - 1) * size);
        body.put("size", size);
        body.put("track_total_hits", true);

        ArrayNode filters = mapper.createArrayNode();
        if (host != null) {
            filters.add(hostQuery(mapper, host));
        }
        if (!allowedHosts.isEmpty()) {
            // Users limited to some hosts never see the others' data.
            ObjectNode anyAllowed = mapper.createObjectNode();
            ArrayNode should = anyAllowed.putObject("bool").putArray("should");
            allowedHosts.forEach(glob -> should.add(hostQuery(mapper, glob)));
            ((ObjectNode) anyAllowed.get("bool")).put("minimum_should_match", 1);
            filters.add(anyAllowed);
        }
        if (filters.isEmpty()) {
            body.putObject("query").putObject("match_all");
        } else {
            body.putObject("query").putObject("bool").set("filter", filters);
        }

        ArrayNode sort = body.putArray("sort");
        sort.addObject().putObject(Fields.TIMESTAMP).put("order", "desc").put("unmapped_type", "date");
        sort.addObject().putObject("_id").put("order", "desc");
        return body;
    }

    private static ObjectNode hostQuery(ObjectMapper mapper, String hostOrGlob) {
        ObjectNode query = mapper.createObjectNode();
        if (Globs.isGlob(hostOrGlob)) {
            query.putObject("wildcard").putObject(Fields.HOST).put("value", Globs.toWildcard(hostOrGlob));
        } else {
            query.putObject("term").putObject(Fields.HOST).put("value", hostOrGlob);
        }
        return query;
    }

    /** The envelope for an Elasticsearch answer; each item is {@code _source} plus {@code id}. */
    public Page toPage(JsonNode answer, ObjectMapper mapper) {
        JsonNode hits = answer.path("hits");
        long total = hits.path("total").path("value").asLong(0);
        List<Map<String, Object>> items = new ArrayList<>();
        for (JsonNode hit : hits.path("hits")) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", hit.path("_id").asText());
            JsonNode source = hit.path("_source");
            if (source.isObject()) {
                Map<String, Object> fields = mapper.convertValue(source, Page.MAP);
                fields.remove("id");
                item.putAll(fields);
            }
            items.add(item);
        }
        return new Page(items, total, page, size, null);
    }

    /** The answer when the logs alias does not exist yet. */
    public Page emptyPage() {
        return new Page(List.of(), 0, page, size, null);
    }
}
