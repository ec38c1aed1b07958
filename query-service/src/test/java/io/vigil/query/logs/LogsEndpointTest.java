package io.vigil.query.logs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.vigil.query.ServiceTestSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** /logs through the real server, up to the Elasticsearch call (ES itself is unreachable here). */
@MicronautTest
class LogsEndpointTest extends ServiceTestSupport {
    private String token;

    @BeforeAll
    void logIn() {
        token = tokenFor("admin", ADMIN_PASSWORD);
    }

    private Reply logs(String query) {
        return call(HttpRequest.GET("/logs" + query).bearerAuth(token));
    }

    @Test
    void badParametersAre400ProblemsNamingTheParameter() {
        assertDetailNames(logs("?page=0").assertProblem(400), "page");
        assertDetailNames(logs("?page=abc").assertProblem(400), "page");
        assertDetailNames(logs("?size=0").assertProblem(400), "size");
        assertDetailNames(logs("?size=501").assertProblem(400), "size");
        assertDetailNames(logs("?host=").assertProblem(400), "host");
    }

    @Test
    void pagesPastTheResultWindowPointToTheCursor() {
        JsonNode problem = logs("?page=21&size=500").assertProblem(400);
        assertTrue(problem.path("detail").asText().contains("cursor"), problem.toString());
    }

    @Test
    void unreachableElasticsearchIs503Problem() {
        JsonNode problem = logs("?host=web-*&page=2&size=10").assertProblem(503);
        assertTrue(problem.path("detail").asText().contains("Elasticsearch"), problem.toString());
    }

    private static void assertDetailNames(JsonNode problem, String parameter) {
        assertTrue(problem.path("detail").asText().contains("'" + parameter + "'"), problem.toString());
    }
}
