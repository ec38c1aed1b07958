package io.vigil.query.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.vigil.query.testing.FleetTestSupport;
import io.vigil.query.testing.SseClient;
import io.vigil.query.testing.TestUsers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every kind of bad parameter on every endpoint that takes it: 400 problem+json whose detail names
 * the parameter; never a 500, never a stack trace.
 */
@MicronautTest
class BadParametersTest extends FleetTestSupport {
    private static final String TEN_KB = "x".repeat(10 * 1024);

    /** uri → the parameter its 400 must name. */
    private static Map<String, String> cases() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("/logs?severity=URGENT", "severity");
        cases.put("/logs?severity=HIGH,,LOW", "severity");
        cases.put("/logs?size=100000", "size");
        cases.put("/logs?size=0", "size");
        cases.put("/logs?size=ten", "size");
        cases.put("/logs?page=-1", "page");
        cases.put("/logs?page=0", "page");
        cases.put("/logs?page=99999999999", "page");
        cases.put("/logs?page=21&size=500", "page");
        cases.put("/logs?from=yesterday", "from");
        cases.put("/logs?to=2026-13-45T99:00:00Z", "to");
        cases.put("/logs?from=now-15x", "from");
        cases.put("/logs?from=now-99999999999d", "from");
        cases.put("/logs?from=now&to=now-1h", "from");
        cases.put("/logs?q=" + TEN_KB, "q");
        cases.put("/logs?kind=metrics", "kind");
        cases.put("/logs?host=", "host");
        cases.put("/logs?host=" + "h".repeat(300), "host");
        cases.put("/logs?after=bm90LWEtY3Vyc29y", "after");
        cases.put("/logs?after=" + "A".repeat(3000), "after");
        cases.put("/logs/" + "i".repeat(600), "id");
        cases.put("/alerts?status=resolved", "status");
        cases.put("/alerts?severity=urgent", "severity");
        cases.put("/alerts?size=501", "size");
        cases.put("/alerts?page=-1", "page");
        cases.put("/alerts?rule_id=" + "r".repeat(600), "rule_id");
        cases.put("/alerts?from=last-week", "from");
        cases.put("/alerts?host=", "host");
        cases.put("/dlq?from=2026-02-30", "from");
        cases.put("/dlq?size=100000", "size");
        cases.put("/metrics/summary?interval=5x", "interval");
        cases.put("/metrics/summary?interval=0m", "interval");
        cases.put("/metrics/summary?from=now-4d&interval=30m", "interval");
        cases.put("/metrics/summary?from=soon", "from");
        cases.put("/metrics/summary?to=later", "to");
        cases.put("/metrics/summary?from=now&to=now-1h", "from");
        cases.put("/metrics/summary?from=now-30d&interval=1m", "interval");
        cases.put("/metrics/summary?host=", "host");
        return cases;
    }

    @Test
    void every400NamesItsParameterWithoutInternals() {
        List<String> wrong = new ArrayList<>();
        cases().forEach((uri, parameter) -> {
            Reply reply = call(HttpRequest.GET(uri).bearerAuth(token(TestUsers.ADMIN)));
            String shown = uri.length() > 60 ? uri.substring(0, 60) + "…" : uri;
            if (reply.status() != 400 || !reply.contentType().startsWith("application/problem+json")) {
                wrong.add(shown + ": " + reply.status() + " " + reply.contentType());
                return;
            }
            JsonNode problem = reply.json();
            if (!problem.path("detail").asText().contains("'" + parameter + "'")
                    || problem.path("status").asInt() != 400) {
                wrong.add(shown + ": detail does not name '" + parameter + "': "
                        + problem.path("detail").asText());
            }
            if (reply.body().contains("Exception")
                    || reply.body().contains("\tat ")
                    || reply.body().contains("io.vigil")) {
                wrong.add(shown + ": internals in the body: " + reply.body());
            }
        });
        assertEquals(List.of(), wrong);
    }

    @Test
    void streamsCheckTheirParametersBeforeStreaming() {
        String token = token(TestUsers.VIEWER);
        try (SseClient bad =
                SseClient.open(server.getURL() + withTicket("/logs/stream?severity=URGENT", token), Map.of())) {
            assertEquals(400, bad.status());
            assertTrue(bad.body().contains("'severity'"), bad.body());
        }
        try (SseClient bad =
                SseClient.open(server.getURL() + withTicket("/alerts/stream?status=done", token), Map.of())) {
            assertEquals(400, bad.status());
            assertTrue(bad.body().contains("'status'"), bad.body());
        }
        try (SseClient bad = SseClient.open(
                server.getURL() + withTicket("/logs/stream", token), Map.of("Last-Event-ID", "garbage!"))) {
            assertEquals(400, bad.status());
            assertTrue(bad.body().contains("'Last-Event-ID'"), bad.body());
        }
    }

    @Test
    void aTokenInTheQueryIsRefusedEverywhere() {
        Reply reply = call(HttpRequest.GET("/logs?access_token=" + token(TestUsers.ADMIN)));
        reply.assertProblem(401);
        assertFalse(reply.body().contains(token(TestUsers.ADMIN)));
        try (SseClient stream =
                SseClient.open(server.getURL() + "/logs/stream?access_token=" + token(TestUsers.ADMIN), Map.of())) {
            assertEquals(401, stream.status(), "a bearer token in a URL opens no stream either");
            assertFalse(stream.body().contains(token(TestUsers.ADMIN)));
        }
    }
}
