package io.vigil.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.embedded.ElasticsearchHttp;
import io.vigil.embedded.VigilServicesExtension;
import io.vigil.embedded.VigilServicesExtension.Services;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The log indices read dates with {@code strict_date_time} first, for speed (IndexTemplates): every
 * shape the fields read before must still be read, as the same instant, in the real Elasticsearch.
 */
@ExtendWith(VigilServicesExtension.class)
class LogDatesITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "dates";

    @Test
    void everyShapeOfDateReadsAsTheInstantItNames() throws Exception {
        String url = Services.get().elasticsearch.url();
        ElasticsearchHttp es = new ElasticsearchHttp(url);
        IndexTemplateInstaller.install(List.of(url), PREFIX);
        String index = PREFIX + "-logs-2026.11.26";
        long at = Instant.parse("2026-11-26T10:00:05.123Z").toEpochMilli();
        Map<String, Long> shapes = new LinkedHashMap<>();
        shapes.put("\"2026-11-26T10:00:05.123Z\"", at); // what the job writes (Instant.toString)
        shapes.put("\"2026-11-26T10:00:05Z\"", at - 123); // ... for a whole second
        shapes.put("\"2026-11-26T11:00:05.123+01:00\"", at);
        shapes.put("\"2026-11-26T10:00:05.123456789Z\"", at);
        shapes.put("\"2026-11-26T10:00:05.123\"", at); // no zone: UTC
        shapes.put("\"2026-11-26\"", Instant.parse("2026-11-26T00:00:00Z").toEpochMilli());
        shapes.put(String.valueOf(at), at);
        shapes.put("\"" + at + "\"", at);
        int n = 0;
        for (String shape : shapes.keySet()) {
            String doc = "{\"host\":\"h\",\"timestamp\":" + shape + ",\"event\":{\"ingested\":" + shape + "}}";
            assertThat(es.put("/" + index + "/_doc/" + n++, doc).statusCode())
                    .as(shape)
                    .isIn(200, 201);
        }
        es.post("/" + index + "/_refresh", "{}");
        n = 0;
        for (Map.Entry<String, Long> shape : shapes.entrySet()) {
            for (String field : List.of("timestamp", "event.ingested")) {
                assertThat(idsAt(es, index, field, shape.getValue()))
                        .as(field + " of " + shape.getKey())
                        .contains(String.valueOf(n));
            }
            n++;
        }
    }

    private static List<String> idsAt(ElasticsearchHttp es, String index, String field, long millis) throws Exception {
        String query = "{\"size\":100,\"query\":{\"range\":{\"" + field + "\":{\"gte\":" + millis + ",\"lte\":" + millis
                + ",\"format\":\"epoch_millis\"}}}}";
        JsonNode hits = JSON.readTree(es.post("/" + index + "/_search", query).body())
                .path("hits")
                .path("hits");
        List<String> ids = new java.util.ArrayList<>();
        hits.forEach(h -> ids.add(h.path("_id").asText()));
        return ids;
    }
}
