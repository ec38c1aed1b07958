package io.vigil.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.common.ElasticsearchRest;
import io.vigil.common.FreePorts;
import io.vigil.embedded.VigilServicesExtension.Services;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The job side's Elasticsearch client ({@link ElasticsearchRest}, in common) against the real
 * embedded node: what it sends arrives, and what the node refuses comes back as the request,
 * the status and the node's own reason.
 */
@ExtendWith(VigilServicesExtension.class)
class ElasticsearchRestITCase {
    private static final String INDEX = "es-rest-strict";
    private static final String STRICT = """
            {"mappings": {"dynamic": "strict", "properties": {"n": {"type": "integer"}}}}
            """;

    private String url;
    private ElasticsearchRest es;

    @BeforeEach
    void strictIndex() throws Exception {
        url = Services.get().elasticsearch.url();
        es = new ElasticsearchRest(url + "/", "Bearer never-in-a-message", Duration.ofSeconds(30));
        es.delete("/" + INDEX + "?ignore_unavailable=true", "");
        es.put("/" + INDEX, STRICT);
    }

    @Test
    void aBulkIsStoredAndItsAnswerComesBackParsed() throws Exception {
        JsonNode answer = es.bulk("/_bulk?refresh=true", bulk("{\"n\":1}", "{\"n\":2}"));

        assertThat(answer.path("items")).hasSize(2);
        JsonNode hits = es.post("/" + INDEX + "/_search", "{\"sort\":[{\"n\":\"asc\"}]}")
                .path("hits")
                .path("hits");
        assertThat(hits)
                .extracting(hit -> hit.path("_source").path("n").asInt())
                .containsExactly(1, 2);
    }

    @Test
    void aRefusedDocumentInASpacedAnswerFailsTheBulkNamingItAndTheNodesReason() throws Exception {
        String body = bulk("{\"n\":1}", "{\"n\":2,\"extra\":true}", "{\"n\":\"three\"}");
        assertThat(new ElasticsearchHttp(url).post("/_bulk?pretty", body).body())
                .as("?pretty spaces the answer, as a proxy that reformats it would: a text search misses it")
                .contains("\"errors\" : true")
                .doesNotContain("\"errors\":true");

        assertThatThrownBy(() -> es.bulk("/_bulk?pretty&refresh=true", body))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("POST " + url + "/_bulk?pretty&refresh=true: Elasticsearch refused 2 of 3"
                        + " documents; the first, 'doc-1' in " + INDEX
                        + " (HTTP 400): strict_dynamic_mapping_exception:")
                .hasMessageContaining("[extra]")
                .hasMessageNotContaining("never-in-a-message");
        assertThat(new ElasticsearchHttp(url).count(INDEX))
                .as("the one accepted document")
                .isEqualTo(1);
    }

    @Test
    void aRefusedRequestNamesItselfTheStatusAndTheNodesReason() {
        assertThatThrownBy(() -> es.put("/" + INDEX, STRICT))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("PUT " + url + "/" + INDEX
                        + ": HTTP 400 resource_already_exists_exception: index [" + INDEX + "/")
                .hasMessageNotContaining("never-in-a-message");
    }

    @Test
    void aScrollIsReadAndCleared() throws Exception {
        es.bulk("/_bulk?refresh=true", bulk("{\"n\":1}", "{\"n\":2}", "{\"n\":3}"));
        JsonNode page = es.post("/" + INDEX + "/_search?scroll=1m", "{\"size\":2,\"sort\":[{\"n\":\"asc\"}]}");
        String scroll = page.path("_scroll_id").asText();
        JsonNode next = es.post("/_search/scroll", "{\"scroll\":\"1m\",\"scroll_id\":\"" + scroll + "\"}");

        assertThat(next.path("hits").path("hits"))
                .extracting(hit -> hit.path("_source").path("n").asInt())
                .containsExactly(3);
        String clear = "{\"scroll_id\":\"" + next.path("_scroll_id").asText() + "\"}";
        assertThat(es.delete("/_search/scroll", clear).path("succeeded").asBoolean())
                .isTrue();
        assertThatThrownBy(() -> es.delete("/_search/scroll", clear))
                .as("a scroll cleared twice is gone")
                .hasMessageStartingWith("DELETE " + url + "/_search/scroll: HTTP 404 ");
    }

    @Test
    void anUnreachableNodeIsNamedAndTheNextOneTakesTheCalls() throws Exception {
        String nobody = "http://127.0.0.1:" + FreePorts.next();
        List<String> tried = new ArrayList<>();

        ElasticsearchRest.onFirstThatTakes(
                List.of(nobody, url), null, Duration.ofSeconds(30), "could not count on any of", node -> {
                    tried.add(node.toString());
                    node.post("/" + INDEX + "/_count", "{}");
                });

        assertThat(tried).containsExactly("ElasticsearchRest[" + nobody + "]", "ElasticsearchRest[" + url + "]");
        assertThatThrownBy(() -> ElasticsearchRest.onFirstThatTakes(
                        List.of(nobody),
                        null,
                        Duration.ofSeconds(30),
                        "could not count on any of",
                        node -> node.post("/" + INDEX + "/_count", "{}")))
                .hasMessage("could not count on any of [" + nobody + "]")
                .cause()
                .hasMessageStartingWith("POST " + nobody + "/" + INDEX + "/_count: java.net.ConnectException");
    }

    /** Index actions into the strict index, ids doc-0, doc-1, ... */
    private static String bulk(String... documents) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < documents.length; i++) {
            body.append("{\"index\":{\"_index\":\"" + INDEX + "\",\"_id\":\"doc-" + i + "\"}}\n")
                    .append(documents[i])
                    .append('\n');
        }
        return body.toString();
    }
}
