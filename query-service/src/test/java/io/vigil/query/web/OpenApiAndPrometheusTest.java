package io.vigil.query.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.vigil.query.ServiceTestSupport;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The generated OpenAPI document, its browsable page, and the Prometheus metrics, all anonymous. */
@MicronautTest
class OpenApiAndPrometheusTest extends ServiceTestSupport {

    @Test
    void theOpenApiDocumentDescribesEveryEndpoint() {
        Reply spec = call(HttpRequest.GET("/openapi.yml"));
        assertEquals(200, spec.status());
        assertTrue(spec.contentType().startsWith("application/yaml"), spec.contentType());
        for (String path : new String[] {
            "/login:",
            "/logs:",
            "/logs/{id}:",
            "/logs/stream:",
            "/alerts:",
            "/alerts/{id}:",
            "/alerts/{id}/history:",
            "/alerts/stream:",
            "/metrics/summary:",
            "/rules:",
            "/dlq:",
            "/health:",
            "/notifications:",
            "/notifications/channels:"
        }) {
            assertTrue(spec.body().contains("\n  " + path), path);
        }
        assertTrue(spec.body().contains("bearerFormat: JWT"));
        assertTrue(!spec.body().contains("\n  /ui"), "the dashboard's pages are not API");
    }

    @Test
    void theLiveStreamsDescribeTheirItemsAsTheListsDo() {
        Map<String, Object> document =
                new Yaml().load(call(HttpRequest.GET("/openapi.yml")).body());
        assertEquals("#/components/schemas/LogItem", streamItemSchema(document, "/logs/stream"));
        assertEquals("#/components/schemas/Alert", streamItemSchema(document, "/alerts/stream"));
        assertFalse(
                ((Map<?, ?>) ((Map<?, ?>) document.get("components")).get("schemas")).containsKey("Event_Object_"),
                "no answer is described as an untyped event");
    }

    /** The {@code $ref} of a stream's 200 {@code text/event-stream} schema. */
    private static Object streamItemSchema(Map<String, Object> document, String path) {
        Object node = document;
        for (String key :
                new String[] {"paths", path, "get", "responses", "200", "content", "text/event-stream", "schema"}) {
            assertTrue(node instanceof Map<?, ?>, path + ": no " + key);
            node = ((Map<?, ?>) node).get(key);
        }
        assertTrue(node instanceof Map<?, ?>, path + ": no schema");
        return ((Map<?, ?>) node).get("$ref");
    }

    @Test
    void swaggerUiIsServedFromTheJar() {
        Reply redirect = call(HttpRequest.GET("/swagger-ui"));
        assertEquals(302, redirect.status());
        Reply page = call(HttpRequest.GET("/swagger-ui/index.html"));
        assertEquals(200, page.status());
        assertTrue(page.body().contains("/swagger/vigil.yml"), "the page loads our document");
        assertEquals(
                200,
                call(HttpRequest.GET("/swagger-ui/res/swagger-ui-bundle.js")).status());
        assertEquals(200, call(HttpRequest.GET("/swagger/vigil.yml")).status());
    }

    @Test
    void prometheusCountsRequestsAndElasticsearchErrors() {
        String token = tokenFor("admin", ADMIN_PASSWORD);
        // Elasticsearch is unreachable in this test: the search fails and is counted
        call(HttpRequest.GET("/logs").bearerAuth(token)).assertProblem(503);
        Reply metrics = call(HttpRequest.GET("/prometheus"));
        assertEquals(200, metrics.status());
        assertTrue(
                metrics.body().contains("http_server_requests_seconds_bucket"),
                "latency histogram in "
                        + metrics.body()
                                .lines()
                                .filter(l -> l.startsWith("http") || l.startsWith("vigil"))
                                .toList());
        assertTrue(metrics.body().contains("uri=\"/logs\""), "per route");
        assertTrue(
                metrics.body()
                        .matches("(?s).*vigil_elasticsearch_errors_total\\{[^}]*kind=\"unavailable\"[^}]*} [1-9].*"),
                "Elasticsearch errors");
        assertTrue(metrics.body().contains("vigil_elasticsearch_requests_seconds"), "Elasticsearch latencies");
    }
}
