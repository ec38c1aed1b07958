package io.vigil.query.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.vigil.query.testing.ElasticsearchTestSupport;
import io.vigil.query.testing.EsSeeder;
import io.vigil.query.testing.SseClient;
import io.vigil.query.testing.TestUsers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An alert's {@code hosts} (every host that contributed evidence) decide who sees it: a user
 * limited to {@code web-*} sees an alert only when all of its hosts are web hosts, everywhere an
 * alert shows up (list, id, history, status change, stream, rule hit counts, notification records).
 * Documents without {@code hosts} fall back to {@code host}. Alert documents are indexed here
 * directly, as the job writes them.
 */
@MicronautTest
class AlertHostsScopeTest extends ElasticsearchTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T = Instant.now().minus(Duration.ofMinutes(30));

    private EsSeeder seeder;

    /** id → {first host, hosts or null for a document written before hosts existed}. */
    private static ObjectNode alert(String id, String ruleId, String host, List<String> hosts, long count) {
        ObjectNode s = JSON.createObjectNode();
        s.put("rule_id", ruleId)
                .put("title", ruleId)
                .put("summary", ruleId + " " + id)
                .put("severity", "HIGH")
                .put("host", host)
                .put("group_key", "source.ip=203.0.113.7")
                .put("first_seen", T.toString())
                .put("last_seen", T.plusSeconds(60).toString())
                .put("count", count)
                .put("status", "open");
        if (hosts != null) {
            hosts.forEach(s.putArray("hosts")::add);
        }
        s.putArray("tags").add("attack.t1110");
        s.putArray("event_ids").add("threat-logs-0-1");
        return s;
    }

    @BeforeAll
    void seed() {
        seeder = resetIndices();
        String alerts = seeder.indices().alerts();
        seeder.bulk(List.of(
                // one source IP against a web host and the database: not for web-only eyes
                new EsSeeder.Doc(
                        alerts, "spread", alert("spread", "ssh-brute-force", "web-01", List.of("db-01", "web-01"), 40)),
                new EsSeeder.Doc(
                        alerts,
                        "web-pair",
                        alert("web-pair", "ssh-brute-force", "web-01", List.of("web-01", "web-02"), 7)),
                new EsSeeder.Doc(alerts, "old-web", alert("old-web", "cpu-high", "web-02", null, 3)),
                new EsSeeder.Doc(alerts, "old-db", alert("old-db", "cpu-high", "db-01", null, 5)),
                // a host name with regular-expression characters: escaped, never an operator
                new EsSeeder.Doc(
                        alerts, "dotted", alert("dotted", "cpu-high", "web-03", List.of("web-03", "web.x"), 2))));
        ObjectNode record = JSON.createObjectNode();
        record.put("channel", "soc")
                .put("channel_type", "webhook")
                .put("alert_id", "spread")
                .put("action", "trigger")
                .put("status", "delivered")
                .put("rule_id", "ssh-brute-force")
                .put("title", "ssh-brute-force")
                .put("severity", "HIGH")
                .put("host", "web-01")
                .put("created_at", T.toString())
                .put("updated_at", T.toString());
        record.putArray("hosts").add("db-01").add("web-01");
        seeder.bulk(List.of(new EsSeeder.Doc(seeder.indices().notifications(), "soc:spread", record)));
        seeder.refresh();
    }

    private List<String> ids(TestUsers.TestUser user, String uri) {
        Reply reply = get(user, uri);
        assertEquals(200, reply.status(), reply.body());
        List<String> ids = new ArrayList<>();
        reply.json().path("items").forEach(a -> ids.add(a.path("id").asText()));
        assertEquals(ids.size(), reply.json().path("total").asInt(), reply.body());
        return ids;
    }

    @Test
    void aScopedUserSeesOnlyAlertsWhoseEveryHostIsInScope() {
        assertEquals(
                new TreeSet<>(List.of("web-pair", "old-web")),
                new TreeSet<>(ids(TestUsers.WEB_VIEWER, "/alerts?size=100")));
        assertEquals(List.of("old-db"), ids(TestUsers.DB_ANALYST, "/alerts?size=100"));
        assertEquals(5, ids(TestUsers.VIEWER, "/alerts?size=100").size(), "an unlimited user sees them all");
    }

    @Test
    void theHostFilterMatchesAnyOfAnAlertsHosts() {
        assertEquals(
                new TreeSet<>(List.of("spread", "old-db")), new TreeSet<>(ids(TestUsers.VIEWER, "/alerts?host=db-01")));
        assertEquals(List.of(), ids(TestUsers.WEB_VIEWER, "/alerts?host=db-01"), "the filter never widens the scope");
    }

    @Test
    void anAlertWithAHostOutOfScopeIs404ByIdHistoryAndChange() {
        get(TestUsers.WEB_VIEWER, "/alerts/spread").assertProblem(404);
        get(TestUsers.WEB_VIEWER, "/alerts/spread/history").assertProblem(404);
        get(TestUsers.WEB_VIEWER, "/alerts/dotted").assertProblem(404);
        Reply change = patch(TestUsers.WEB_ADMIN, "/alerts/spread", Map.of("status", "acknowledged"));
        change.assertProblem(404);
        assertEquals(
                "open",
                get(TestUsers.VIEWER, "/alerts/spread").json().path("status").asText());
        assertEquals(200, get(TestUsers.WEB_VIEWER, "/alerts/web-pair").status());
        assertEquals(200, get(TestUsers.WEB_VIEWER, "/alerts/old-web").status());
        get(TestUsers.WEB_VIEWER, "/alerts/old-db").assertProblem(404);
    }

    @Test
    void ruleHitCountsCountOnlyAlertsInScope() {
        seeder.bulk(List.of(new EsSeeder.Doc(
                seeder.indices().rules(),
                "ssh-brute-force",
                JSON.createObjectNode()
                        .put("id", "ssh-brute-force")
                        .put("title", "SSH brute force")
                        .put("kind", "count")
                        .put("severity", "HIGH")
                        .put("enabled", true))));
        seeder.refresh();
        JsonNode rules = get(TestUsers.WEB_VIEWER, "/rules").json().path("items");
        JsonNode ssh = null;
        for (JsonNode rule : rules) {
            if (rule.path("id").asText().equals("ssh-brute-force")) {
                ssh = rule;
            }
        }
        assertNotNull(ssh, rules.toString());
        assertEquals(1, ssh.path("alert_count").asLong(), "web-pair only");
        assertEquals(7, ssh.path("hit_count").asLong());
    }

    @Test
    void notificationRecordsOfSuchAnAlertAreHiddenFromAScopedAdmin() {
        assertEquals(List.of(), ids(TestUsers.WEB_ADMIN, "/notifications"));
        assertEquals(List.of("soc:spread"), ids(TestUsers.ADMIN, "/notifications"));
    }

    @Test
    void theStreamPassesOnlyAlertsWhoseEveryHostIsInScope() throws Exception {
        try (SseClient sse = SseClient.open(
                server.getURL() + "/alerts/stream", Map.of("Authorization", "Bearer " + token(TestUsers.WEB_VIEWER)))) {
            assertEquals(200, sse.status(), sse.body());
            Thread.sleep(1500); // it has taken its starting position
            String alerts = seeder.indices().alerts();
            seeder.bulk(List.of(new EsSeeder.Doc(
                    alerts,
                    "live-spread",
                    alert("live-spread", "ssh-brute-force", "web-02", List.of("mail-01", "web-02"), 9))));
            seeder.refresh();
            seeder.bulk(List.of(new EsSeeder.Doc(
                    alerts, "live-web", alert("live-web", "ssh-brute-force", "web-02", List.of("web-02"), 1))));
            seeder.refresh();
            SseClient.SseEvent first = sse.nextData(Duration.ofSeconds(20));
            assertNotNull(first, "the web-only alert reaches the stream");
            assertTrue(first.data().contains("\"id\":\"live-web\""), first.data());
            assertNull(sse.nextData(Duration.ofMillis(1500)), "nothing else");
        } finally {
            seeder.send("DELETE", "/" + seeder.indices().alerts() + "/_doc/live-spread?refresh=true", null);
            seeder.send("DELETE", "/" + seeder.indices().alerts() + "/_doc/live-web?refresh=true", null);
        }
    }
}
