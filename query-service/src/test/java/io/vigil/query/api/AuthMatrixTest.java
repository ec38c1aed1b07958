package io.vigil.query.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.vigil.query.testing.Fleet;
import io.vigil.query.testing.FleetTestSupport;
import io.vigil.query.testing.SseClient;
import io.vigil.query.testing.TestUsers;
import io.vigil.query.testing.TestUsers.TestUser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every role against every endpoint: viewers read, analysts also change alert status, admins also
 * read dead letters and notifications; no token is 401, a token without a role 403. The PATCH asks for a change the
 * alert cannot make (open → open), so permitted roles get 409 and the shared data stays as it is.
 */
@MicronautTest
class AuthMatrixTest extends FleetTestSupport {
    private static final String OK = "200";

    /** endpoint → expected status for: anonymous, no role, viewer, analyst, admin. */
    private static final Map<String, List<String>> MATRIX = new LinkedHashMap<>();

    static {
        String log = Fleet.LOGS.get(0).id();
        for (String read : List.of(
                "GET /logs",
                "GET /logs/" + log,
                "GET /alerts",
                "GET /alerts/a-1",
                "GET /alerts/a-1/history",
                "GET /metrics/summary",
                "GET /rules",
                "SSE /logs/stream",
                "SSE /alerts/stream")) {
            MATRIX.put(read, List.of("401", "403", OK, OK, OK));
        }
        MATRIX.put("PATCH /alerts/a-1", List.of("401", "403", "403", "409", "409"));
        MATRIX.put("GET /dlq", List.of("401", "403", "403", "403", OK));
        MATRIX.put("GET /notifications", List.of("401", "403", "403", "403", OK));
        MATRIX.put("GET /notifications/channels", List.of("401", "403", "403", "403", OK));
        MATRIX.put("POST /streams/tickets", List.of("401", "403", OK, OK, OK));
        MATRIX.put("GET /me", List.of("401", OK, OK, OK, OK));
        MATRIX.put("GET /health", List.of(OK, OK, OK, OK, OK));
        MATRIX.put("GET /openapi.yml", List.of(OK, OK, OK, OK, OK));
        MATRIX.put("GET /prometheus", List.of(OK, OK, OK, OK, OK));
    }

    @Test
    void eachRoleOnEachEndpoint() {
        List<TestUser> callers = new ArrayList<>();
        callers.add(null);
        callers.addAll(List.of(TestUsers.NO_ROLE, TestUsers.VIEWER, TestUsers.ANALYST, TestUsers.ADMIN));
        List<String> wrong = new ArrayList<>();
        MATRIX.forEach((endpoint, expected) -> {
            for (int i = 0; i < callers.size(); i++) {
                String status = status(endpoint, callers.get(i));
                if (!status.equals(expected.get(i))) {
                    wrong.add(endpoint + " as "
                            + (callers.get(i) == null
                                    ? "anonymous"
                                    : callers.get(i).name()) + ": " + status + ", expected " + expected.get(i));
                }
            }
        });
        assertEquals(List.of(), wrong);
    }

    private String status(String endpoint, TestUser user) {
        String method = endpoint.substring(0, endpoint.indexOf(' '));
        String path = endpoint.substring(endpoint.indexOf(' ') + 1);
        String token = user == null ? null : token(user);
        switch (method) {
            case "SSE" -> {
                Map<String, String> headers = token == null ? Map.of() : Map.of("Authorization", "Bearer " + token);
                try (SseClient sse = SseClient.open(server.getURL() + path, headers)) {
                    return Integer.toString(sse.status());
                }
            }
            case "PATCH" -> {
                var request =
                        HttpRequest.PATCH(path, Map.of("status", "open")).contentType(MediaType.APPLICATION_JSON_TYPE);
                return Integer.toString(call(token == null ? request : request.bearerAuth(token))
                        .status());
            }
            case "POST" -> {
                var request = HttpRequest.POST(path, "");
                return Integer.toString(call(token == null ? request : request.bearerAuth(token))
                        .status());
            }
            default -> {
                var request = HttpRequest.GET(path);
                return Integer.toString(call(token == null ? request : request.bearerAuth(token))
                        .status());
            }
        }
    }
}
