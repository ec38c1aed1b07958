package io.vigil.query;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

@MicronautTest
class HealthTest extends ServiceTestSupport {

    @Test
    void healthIs503ProblemWhenElasticsearchIsUnreachable() {
        // Anonymous: no token sent.
        JsonNode problem = call(HttpRequest.GET("/health")).assertProblem(503);
        assertTrue(problem.path("detail").asText().contains("Elasticsearch"), problem.toString());
    }

    @Test
    void unknownPathsAreProblemsToo() {
        call(HttpRequest.GET("/no-such-endpoint")).assertProblem(401);
    }
}
