package io.vigil.query.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.vigil.query.testing.ElasticsearchProcessExtension;
import io.vigil.query.testing.EsSeeder;
import io.vigil.query.testing.Fleet;
import io.vigil.query.testing.FleetTestSupport;
import io.vigil.query.testing.SseClient;
import io.vigil.query.testing.TestUsers;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A user limited to {@code web-*} sees nothing of the other hosts on any endpoint: lists, totals,
 * ids (404, not 403), rule hit counts, dead letters, summaries (covered in MetricsSummaryTest)
 * and both streams. The streams get their own prefix so new documents can be written.
 */
@MicronautTest
class HostScopeTest extends FleetTestSupport {
    private JsonNode read(String uri) {
        return getJson(TestUsers.WEB_VIEWER, uri);
    }

    private static Set<String> hosts(JsonNode page) {
        Set<String> hosts = new HashSet<>();
        page.path("items").forEach(item -> hosts.add(item.path("host").asText()));
        return hosts;
    }

    @Test
    void logsListsAndTotalsHoldOnlyTheirHosts() {
        JsonNode all = read("/logs?size=500");
        assertEquals(Set.of("web-01", "web-02"), hosts(all));
        assertEquals(
                Fleet.expectedIds(Fleet.host("web-*")).size(), all.path("total").asInt());
        // asking for another host, by name, glob or text, gives nothing
        assertEquals(0, read("/logs?host=db-01").path("total").asInt());
        assertEquals(Set.of("web-01", "web-02"), hosts(read("/logs?host=*&size=500")));
        assertEquals(Set.of("web-01", "web-02"), hosts(read("/logs?q=failed&size=500")));
    }

    @Test
    void anotherHostsLogOrAlertIs404() {
        Fleet.Log db = Fleet.LOGS.stream()
                .filter(l -> l.host().equals("db-01"))
                .findFirst()
                .orElseThrow();
        Fleet.Log web = Fleet.LOGS.stream()
                .filter(l -> l.host().equals("web-02"))
                .findFirst()
                .orElseThrow();
        get(TestUsers.WEB_VIEWER, "/logs/" + db.id()).assertProblem(404);
        assertEquals(200, get(TestUsers.WEB_VIEWER, "/logs/" + web.id()).status());
        get(TestUsers.WEB_VIEWER, "/alerts/a-2").assertProblem(404); // db-01
        get(TestUsers.WEB_VIEWER, "/alerts/a-2/history").assertProblem(404);
        assertEquals(200, get(TestUsers.WEB_VIEWER, "/alerts/a-1").status()); // web-01
    }

    @Test
    void alertsAndRuleCountsOnlyCountTheirHosts() {
        JsonNode alerts = read("/alerts?size=100");
        assertEquals(Set.of("web-01", "web-02"), hosts(alerts));
        assertEquals(
                Fleet.ALERTS.stream().filter(a -> a.host().startsWith("web-")).count(),
                alerts.path("total").asLong());
        for (JsonNode rule : read("/rules").path("items")) {
            String id = rule.path("id").asText();
            long hits = Fleet.ALERTS.stream()
                    .filter(a -> a.ruleId().equals(id) && a.host().startsWith("web-"))
                    .mapToLong(Fleet.Alert::count)
                    .sum();
            assertEquals(hits, rule.path("hit_count").asLong(), id);
        }
    }

    @Test
    void deadLettersAreHiddenFromHostLimitedAdmins() {
        Reply scoped = get(TestUsers.WEB_ADMIN, "/dlq");
        assertEquals(200, scoped.status(), scoped.body());
        assertEquals(0, scoped.json().path("total").asInt());
        assertEquals(
                Fleet.DEAD_LETTERS,
                get(TestUsers.ADMIN, "/dlq").json().path("total").asInt());
    }

    @Test
    void streamsPassOnlyTheirHosts() throws Exception {
        EsSeeder live = new EsSeeder(ElasticsearchProcessExtension.url(), Fleet.PREFIX);
        String token = token(TestUsers.WEB_VIEWER);
        try (SseClient logs = SseClient.open(server.getURL() + withTicket("/logs/stream", token), Map.of());
                SseClient alerts = SseClient.open(server.getURL() + withTicket("/alerts/stream", token), Map.of())) {
            assertEquals(200, logs.status(), logs.body());
            assertEquals(200, alerts.status(), alerts.body());
            Thread.sleep(1500); // both have taken their starting position
            Instant now = Instant.now();
            // db-01 first: had the scope failed, it would arrive before web-01's
            live.bulk(List.of(
                    Fleet.logDoc(
                            live.indices(),
                            new Fleet.Log(
                                    "scope-db",
                                    now,
                                    "db-01",
                                    "HIGH",
                                    "event",
                                    "threat-logs",
                                    "scope test db",
                                    900_001)),
                    Fleet.logDoc(
                            live.indices(),
                            new Fleet.Log(
                                    "scope-web",
                                    now.plusMillis(1),
                                    "web-01",
                                    "HIGH",
                                    "event",
                                    "threat-logs",
                                    "scope test web",
                                    900_002)),
                    new EsSeeder.Doc(
                            live.indices().alerts(),
                            "scope-a-db",
                            Fleet.alertSource(new Fleet.Alert(
                                    "scope-a-db", "cpu-high", "HIGH", "db-01", "db-01", now, now, 1, "open"))),
                    new EsSeeder.Doc(
                            live.indices().alerts(),
                            "scope-a-web",
                            Fleet.alertSource(new Fleet.Alert(
                                    "scope-a-web", "cpu-high", "HIGH", "web-02", "web-02", now, now, 1, "open")))));
            live.refresh();
            SseClient.SseEvent log = logs.nextData(Duration.ofSeconds(20));
            assertNotNull(log, "web-01's new log reaches the stream");
            assertTrue(log.data().contains("\"id\":\"scope-web\""), log.data());
            SseClient.SseEvent alert = alerts.nextData(Duration.ofSeconds(20));
            assertNotNull(alert, "web-02's new alert reaches the stream");
            assertTrue(alert.data().contains("\"id\":\"scope-a-web\""), alert.data());
            assertEquals(null, logs.nextData(Duration.ofSeconds(2)), "nothing else");
            assertEquals(null, alerts.nextData(Duration.ofMillis(500)), "nothing else");
        } finally {
            // keep the shared data set as the other tests expect it
            live.send("DELETE", "/" + live.indices().alerts() + "/_doc/scope-a-db?refresh=true", null);
            live.send("DELETE", "/" + live.indices().alerts() + "/_doc/scope-a-web?refresh=true", null);
            live.send(
                    "POST",
                    "/" + live.indices().logsAlias() + "/_delete_by_query?refresh=true",
                    "{\"query\":{\"ids\":{\"values\":[\"scope-db\",\"scope-web\"]}}}");
        }
    }
}
