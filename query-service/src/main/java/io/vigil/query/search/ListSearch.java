package io.vigil.query.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.query.es.Elasticsearch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One page of a list endpoint: the {@code _search} body (filters, sort, exact total, from/size or
 * search_after) and the envelope read back from the answer.
 */
public final class ListSearch {
    /** The name under which every listed document carries its Elasticsearch {@code _id}. */
    public static final String ID = "id";

    private final ObjectNode query;
    private final SortSpec sort;
    private final Paging paging;
    private final String fingerprint;

    private ListSearch(ObjectNode query, SortSpec sort, Paging paging, String fingerprint) {
        this.query = query;
        this.sort = sort;
        this.paging = paging;
        this.fingerprint = fingerprint;
    }

    /** @param filters checked filters, host scope included */
    public static ListSearch of(Filters filters, SortSpec sort, PageRequest request) {
        ObjectNode query = filters.toQuery();
        String fingerprint = Cursor.fingerprint(query);
        return new ListSearch(query, sort, Paging.parse(request, sort, fingerprint), fingerprint);
    }

    public Paging paging() {
        return paging;
    }

    public ObjectNode query() {
        return query;
    }

    public ObjectNode body(ObjectMapper mapper) {
        ObjectNode body = mapper.createObjectNode();
        body.put("from", paging.from());
        // After a cursor, one hit more than the page tells whether another page follows, even
        // when the total has changed since the first page (new logs arrived).
        body.put("size", paging.after() == null ? paging.size() : paging.size() + 1);
        body.put("track_total_hits", true);
        body.set("query", query.deepCopy());
        body.set("sort", sort.toJson(mapper));
        if (paging.after() != null) {
            SortSpec.addValues(body.putArray("search_after"), paging.after().values());
        }
        return body;
    }

    /**
     * The envelope; {@code next} is set while pages remain: by page number, when the exact total
     * says so; after a cursor, when the probe hit beyond the page exists.
     */
    public Page<Map<String, Object>> toPage(JsonNode answer, ObjectMapper mapper) {
        JsonNode hits = answer.path("hits");
        long total = hits.path("total").path("value").asLong(0);
        List<Map<String, Object>> items = new ArrayList<>();
        List<Object> lastSort = null;
        boolean more = false;
        for (JsonNode hit : hits.path("hits")) {
            if (items.size() == paging.size()) {
                more = true; // the probe
                break;
            }
            items.add(item(hit, mapper));
            lastSort = sort.valuesOf(hit);
        }
        if (paging.after() == null) {
            more = items.size() == paging.size() && (long) paging.page() * paging.size() < total;
        }
        String next = null;
        if (lastSort != null && more) {
            next = new Cursor(paging.page() + 1, lastSort, fingerprint).encode();
        }
        return new Page<>(items, total, paging.page(), paging.size(), next);
    }

    /** The page, searched in {@code index}; the empty page while that index does not exist. */
    public Page<Map<String, Object>> run(Elasticsearch elasticsearch, String index) {
        return elasticsearch
                .search(index, body(elasticsearch.mapper()))
                .map(answer -> toPage(answer, elasticsearch.mapper()))
                .orElseGet(this::emptyPage);
    }

    public <T> Page<T> emptyPage() {
        return Page.empty(paging);
    }

    /** A document as the API shows it: {@code id} (Elasticsearch's {@code _id}) then its source. */
    public static Map<String, Object> item(JsonNode hit, ObjectMapper mapper) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put(ID, hit.path("_id").asText());
        JsonNode source = hit.path("_source");
        if (source.isObject()) {
            Map<String, Object> fields = mapper.convertValue(source, Page.MAP);
            fields.remove(ID);
            item.putAll(fields);
        }
        return item;
    }
}
