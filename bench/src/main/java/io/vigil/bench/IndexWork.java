package io.vigil.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What Elasticsearch did for each of Vigil's indices during a phase: index and delete operations,
 * realtime gets (an update reads its document first), refreshes and merges, from {@code _stats}
 * before and after. One log document is one index operation; anything else an index does is the
 * cost of alerts, rollups and dead letters beside the logs. Beside the counters, the index's size
 * on disk at the end (primaries), for what a codec or mapping change trades against the CPU.
 */
final class IndexWork {
    private static final String[][] COUNTERS = {
        {"index_ops", "indexing", "index_total"},
        {"delete_ops", "indexing", "delete_total"},
        {"gets", "get", "total"},
        {"refreshes", "refresh", "total"},
        {"refresh_ms", "refresh", "total_time_in_millis"},
        {"merges", "merges", "total"},
        {"merge_ms", "merges", "total_time_in_millis"},
        {"merged_docs", "merges", "total_docs"},
    };

    private static final int STORE = COUNTERS.length;

    private final Http es;
    private final String prefix;
    private Map<String, long[]> before = Map.of();

    IndexWork(Http es, String prefix) {
        this.es = es;
        this.prefix = prefix;
    }

    void begin() throws IOException {
        before = read();
    }

    /** index name → counter → how much it grew since {@link #begin}. */
    Map<String, Object> end() throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        read().forEach((index, after) -> {
            long[] start = before.getOrDefault(index, new long[COUNTERS.length + 1]);
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < COUNTERS.length; i++) {
                row.put(COUNTERS[i][0], after[i] - start[i]);
            }
            row.put("store_bytes", after[STORE]);
            out.put(index, row);
        });
        return out;
    }

    private Map<String, long[]> read() throws IOException {
        Map<String, long[]> counters = new LinkedHashMap<>();
        JsonNode indices = es.getJson("/" + prefix + "-*/_stats/indexing,get,refresh,merge,store?level=indices")
                .path("indices");
        indices.fieldNames().forEachRemaining(index -> {
            JsonNode primaries = indices.path(index).path("primaries");
            long[] values = new long[COUNTERS.length + 1];
            for (int i = 0; i < COUNTERS.length; i++) {
                values[i] = primaries.path(COUNTERS[i][1]).path(COUNTERS[i][2]).asLong();
            }
            values[STORE] = primaries.path("store").path("size_in_bytes").asLong();
            counters.put(index, values);
        });
        return counters;
    }
}
