package io.vigil.query.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.vigil.query.testing.ElasticsearchTestSupport;
import io.vigil.query.testing.SseClient;
import io.vigil.query.testing.TestUsers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The credential of a browser's stream is a ticket: single use, short-lived, good for a stream and
 * nothing else; and one user may hold only so many streams at once.
 */
@MicronautTest
class StreamTicketsTest extends ElasticsearchTestSupport {
    @Override
    protected Map<String, String> moreProperties() {
        return Map.of("vigil.stream.ticket-ttl", "1s", "vigil.stream.max-open-per-user", "2");
    }

    @BeforeAll
    void seed() {
        resetIndices();
    }

    private int status(String pathAndQuery) {
        try (SseClient sse = SseClient.open(server.getURL() + pathAndQuery, Map.of())) {
            return sse.status();
        }
    }

    @Test
    void aTicketOpensOneStreamOnce() {
        String url = withTicket("/logs/stream", token(TestUsers.VIEWER));
        assertEquals(200, status(url));
        assertEquals(401, status(url), "used");
        String ticket = streamTicket(token(TestUsers.VIEWER));
        assertTrue(ticket.startsWith("vst_") && ticket.length() > 40, ticket);
        assertEquals(200, status("/alerts/stream?access_token=" + ticket));
    }

    @Test
    void aTicketExpiresUnused() throws Exception {
        String url = withTicket("/alerts/stream", token(TestUsers.VIEWER));
        Thread.sleep(1_500);
        assertEquals(401, status(url));
    }

    @Test
    void aTicketOpensNothingButAStream() {
        String ticket = streamTicket(token(TestUsers.ADMIN));
        call(HttpRequest.GET("/logs?access_token=" + ticket)).assertProblem(401);
        call(HttpRequest.GET("/dlq").bearerAuth(ticket)).assertProblem(401);
        call(HttpRequest.POST("/streams/tickets", "").bearerAuth(ticket)).assertProblem(401);
        assertEquals(
                200,
                status("/logs/stream?access_token=" + ticket),
                "still unused: refused elsewhere, it was not spent");
    }

    @Test
    void aUserMayHoldOnlySoManyStreamsAtOnce() {
        List<SseClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                open.add(SseClient.open(
                        server.getURL() + "/logs/stream",
                        Map.of("Authorization", "Bearer " + token(TestUsers.ANALYST))));
                assertEquals(200, open.get(i).status(), open.get(i).body());
            }
            try (SseClient third = SseClient.open(
                    server.getURL() + "/logs/stream", Map.of("Authorization", "Bearer " + token(TestUsers.ANALYST)))) {
                assertEquals(429, third.status(), third.body());
            }
            try (SseClient someoneElse = SseClient.open(
                    server.getURL() + "/logs/stream", Map.of("Authorization", "Bearer " + token(TestUsers.VIEWER)))) {
                assertEquals(200, someoneElse.status(), "the cap is per user");
            }
        } finally {
            open.forEach(SseClient::close);
        }
    }
}
