package io.vigil.query.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.vigil.query.security.JwtSecret;
import io.vigil.query.testing.ElasticsearchTestSupport;
import io.vigil.query.testing.EsSeeder;
import io.vigil.query.testing.Fleet;
import io.vigil.query.testing.SseClient;
import io.vigil.query.testing.TestUsers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The SSE streams over HTTP: new documents arrive, filters apply, Last-Event-ID resumes, heartbeats flow. */
@MicronautTest
class StreamsTest extends ElasticsearchTestSupport {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final AtomicLong OFFSETS = new AtomicLong(1_000);

    private EsSeeder seeder;

    @Override
    protected Map<String, String> moreProperties() {
        return Map.of(
                "vigil.stream.poll-interval", "300ms", "vigil.stream.settle", "1s", "vigil.stream.heartbeat", "1s");
    }

    @BeforeAll
    void seed() {
        seeder = resetIndices();
        // an old log and an alert, so the indices exist; streams start after them
        index(log("web-01", "LOW", "before the stream"));
        seeder.bulk(List.of(new EsSeeder.Doc(
                seeder.indices().alerts(),
                "old",
                Fleet.alertSource(new Fleet.Alert(
                        "old", "cpu-high", "HIGH", "web-01", "web-01", Instant.now(), Instant.now(), 1, "open")))));
        seeder.refresh();
    }

    private Fleet.Log log(String host, String severity, String message) {
        long offset = OFFSETS.incrementAndGet();
        return new Fleet.Log(
                "threat-logs-0-" + offset, Instant.now(), host, severity, "event", "threat-logs", message, offset);
    }

    private void index(Fleet.Log... logs) {
        for (Fleet.Log log : logs) {
            seeder.bulk(List.of(Fleet.logDoc(seeder.indices(), log)));
        }
        seeder.refresh();
    }

    private SseClient open(String path, Map<String, String> headers) {
        SseClient sse = SseClient.open(server.getURL() + path, headers);
        assertEquals(200, sse.status(), sse.body());
        return sse;
    }

    private Map<String, String> bearer(TestUsers.TestUser user) {
        return Map.of("Authorization", "Bearer " + token(user));
    }

    @Test
    void aNewLogArrivesWithItsIdAndOnlyIfItMatches() throws Exception {
        try (SseClient sse = open("/logs/stream?severity=HIGH,CRITICAL&q=disk", bearer(TestUsers.VIEWER))) {
            Thread.sleep(500);
            Fleet.Log low = log("web-01", "LOW", "disk fine");
            Fleet.Log high = log("db-01", "HIGH", "disk full on /var");
            index(low, high);
            SseClient.SseEvent event = sse.nextData(WAIT);
            assertNotNull(event, "the HIGH disk log reaches the stream");
            assertEquals("log", event.name());
            JsonNode item = JSON.readTree(event.data());
            assertEquals(high.id(), item.path("id").asText());
            assertEquals("db-01", item.path("host").asText());
            assertEquals("disk full on /var", item.path("message").asText());
            assertNotNull(event.id());
            Reply listed = call(HttpRequest.GET("/logs/" + high.id()).bearerAuth(token(TestUsers.VIEWER)));
            assertEquals(200, listed.status(), listed.body());
            assertEquals(JSON.readTree(listed.body()), item, "a streamed log is the same item GET /logs/{id} answers");
            assertNull(sse.nextData(Duration.ofSeconds(2)), "the LOW one does not match");
        }
    }

    @Test
    void lastEventIdResumesRightAfterTheLastEventReceived() throws Exception {
        String lastId;
        Fleet.Log first = log("mail-01", "MEDIUM", "resume one");
        try (SseClient sse = open("/logs/stream?host=mail-01", bearer(TestUsers.VIEWER))) {
            Thread.sleep(500);
            index(first);
            SseClient.SseEvent event = sse.nextData(WAIT);
            assertNotNull(event);
            assertTrue(event.data().contains(first.id()));
            lastId = event.id();
        }
        // While nobody listens, two more arrive; the reconnect gets exactly those, in order.
        Fleet.Log second = log("mail-01", "MEDIUM", "resume two");
        Fleet.Log third = log("mail-01", "MEDIUM", "resume three");
        index(second, third);
        Thread.sleep(1500);
        try (SseClient sse = open(
                "/logs/stream?host=mail-01",
                Map.of("Authorization", "Bearer " + token(TestUsers.VIEWER), "Last-Event-ID", lastId))) {
            SseClient.SseEvent a = sse.nextData(WAIT);
            SseClient.SseEvent b = sse.nextData(WAIT);
            assertNotNull(a);
            assertNotNull(b);
            assertTrue(a.data().contains(second.id()), a.data());
            assertTrue(b.data().contains(third.id()), b.data());
            assertNull(sse.nextData(Duration.ofSeconds(2)), "nothing twice");
        }
    }

    @Test
    void aReconnectWithANewTicketResumesFromLastEventIdInTheQuery() throws Exception {
        String lastId;
        Fleet.Log first = log("mail-02", "MEDIUM", "ticket resume one");
        try (SseClient sse = open(withTicket("/logs/stream?host=mail-02", token(TestUsers.VIEWER)), Map.of())) {
            Thread.sleep(500);
            index(first);
            SseClient.SseEvent event = sse.nextData(WAIT);
            assertNotNull(event);
            lastId = event.id();
        }
        Fleet.Log second = log("mail-02", "MEDIUM", "ticket resume two");
        index(second);
        Thread.sleep(1500);
        // EventSource's own reconnect would reuse the spent ticket: the dashboard asks for a new one
        // and says where it was, since it cannot set Last-Event-ID itself.
        String url = withTicket(
                "/logs/stream?host=mail-02&last_event_id=" + java.net.URLEncoder.encode(lastId, StandardCharsets.UTF_8),
                token(TestUsers.VIEWER));
        try (SseClient sse = open(url, Map.of())) {
            SseClient.SseEvent next = sse.nextData(WAIT);
            assertNotNull(next);
            assertTrue(next.data().contains(second.id()), next.data());
            assertNull(sse.nextData(Duration.ofSeconds(2)), "nothing twice");
        }
    }

    @Test
    void heartbeatsKeepAnIdleStreamAlive() throws Exception {
        try (SseClient sse = open("/logs/stream?host=nobody", bearer(TestUsers.VIEWER))) {
            int heartbeats = 0;
            for (int i = 0; i < 10 && heartbeats < 2; i++) {
                SseClient.SseEvent event = sse.next(Duration.ofSeconds(3));
                if (event != null && event.comments().contains("heartbeat")) {
                    heartbeats++;
                }
            }
            assertEquals(2, heartbeats);
        }
    }

    @Test
    void newAndChangedAlertsArrive() throws Exception {
        try (SseClient sse = open(withTicket("/alerts/stream", token(TestUsers.VIEWER)), Map.of())) {
            Thread.sleep(500);
            Instant now = Instant.now();
            seeder.bulk(List.of(new EsSeeder.Doc(
                    seeder.indices().alerts(),
                    "fresh",
                    Fleet.alertSource(new Fleet.Alert(
                            "fresh", "ssh-brute-force", "HIGH", "web-02", "203.0.113.7", now, now, 5, "open")))));
            seeder.refresh();
            SseClient.SseEvent created = sse.nextData(WAIT);
            assertNotNull(created, "the new alert arrives");
            assertEquals("alert", created.name());
            assertEquals("fresh", JSON.readTree(created.data()).path("id").asText());
            Reply listed = call(HttpRequest.GET("/alerts/fresh").bearerAuth(token(TestUsers.VIEWER)));
            assertEquals(200, listed.status(), listed.body());
            assertEquals(
                    JSON.readTree(listed.body()),
                    JSON.readTree(created.data()),
                    "a streamed alert is the same item GET /alerts/{id} answers");

            Reply ack = patch(TestUsers.ANALYST, "/alerts/fresh", Map.of("status", "acknowledged"));
            assertEquals(200, ack.status(), ack.body());
            SseClient.SseEvent changed = sse.nextData(WAIT);
            assertNotNull(changed, "the status change arrives");
            assertEquals(
                    "acknowledged", JSON.readTree(changed.data()).path("status").asText());
        }
    }

    @Test
    void theStreamEndsWhenTheTokenExpiresAlsoWhenOpenedWithATicket() throws Exception {
        byte[] secret =
                Files.readString(dataDir.resolve(JwtSecret.FILE_NAME)).trim().getBytes(StandardCharsets.UTF_8);
        SignedJWT jwt = new SignedJWT(
                new JWSHeader(JWSAlgorithm.HS256),
                new JWTClaimsSet.Builder()
                        .subject("vera")
                        .issuer("vigil")
                        .claim("roles", List.of("viewer"))
                        .expirationTime(new Date(System.currentTimeMillis() + 3_000))
                        .build());
        jwt.sign(new MACSigner(secret));
        try (SseClient sse = open(withTicket("/logs/stream", jwt.serialize()), Map.of())) {
            assertTrue(sse.awaitEnd(Duration.ofSeconds(15)), "closed at expiry");
        }
    }
}
