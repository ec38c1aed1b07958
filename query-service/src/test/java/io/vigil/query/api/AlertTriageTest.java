package io.vigil.query.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.vigil.query.testing.ElasticsearchTestSupport;
import io.vigil.query.testing.EsSeeder;
import io.vigil.query.testing.Fleet;
import io.vigil.query.testing.TestUsers;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code PATCH /alerts/{id}} and {@code GET /alerts/{id}/history}, on alerts of their own prefix. */
@MicronautTest
class AlertTriageTest extends ElasticsearchTestSupport {
    private EsSeeder seeder;

    @BeforeAll
    void seed() {
        seeder = resetIndices();
        seeder.bulk(Fleet.ALERTS.stream()
                .map(a -> new EsSeeder.Doc(seeder.indices().alerts(), a.id(), Fleet.alertSource(a)))
                .toList());
        seeder.refresh();
    }

    private Reply patch(TestUsers.TestUser user, String id, String status, String note) {
        Map<String, Object> body = new HashMap<>();
        body.put("status", status);
        body.put("note", note);
        return patch(user, "/alerts/" + id, body);
    }

    @Test
    void acknowledgeCloseReopenWithHistory() {
        Instant before = Instant.now();
        Reply ack = patch(TestUsers.ANALYST, "a-1", "acknowledged", "looking into it");
        assertEquals(200, ack.status(), ack.body());
        assertEquals("acknowledged", ack.json().path("status").asText());
        assertEquals("anna", ack.json().path("status_changed_by").asText());
        assertFalse(Instant.parse(ack.json().path("status_changed_at").asText()).isBefore(before.minusSeconds(1)));
        assertEquals(12, ack.json().path("count").asInt(), "the job's fields are untouched");

        assertEquals(
                "closed",
                patch(TestUsers.ADMIN, "a-1", "closed", "false positive: pen test")
                        .json()
                        .path("status")
                        .asText());
        assertEquals(
                "open",
                patch(TestUsers.ANALYST, "a-1", "open", null)
                        .json()
                        .path("status")
                        .asText());

        // The list sees the change at once.
        assertEquals(
                "open",
                get(TestUsers.VIEWER, "/alerts?rule_id=ssh-brute-force&host=web-01")
                        .json()
                        .path("items")
                        .path(0)
                        .path("status")
                        .asText());
        JsonNode history = get(TestUsers.VIEWER, "/alerts/a-1/history").json();
        assertEquals(3, history.path("total").asInt());
        JsonNode items = history.path("items");
        assertEquals(
                List.of("open>acknowledged:anna", "acknowledged>closed:adam", "closed>open:anna"),
                List.of(step(items.get(0)), step(items.get(1)), step(items.get(2))));
        assertEquals("looking into it", items.get(0).path("note").asText());
        assertTrue(items.get(2).path("note").isNull());
        assertEquals("a-1", items.get(0).path("alert_id").asText());
        assertFalse(items.get(0).path("timestamp").asText().isEmpty());
    }

    private static String step(JsonNode h) {
        return h.path("from_status").asText() + ">" + h.path("to_status").asText() + ":"
                + h.path("user").asText();
    }

    @Test
    void changesThatAreNotAllowedAre409AndLeaveNoTrace() {
        // a-3 is closed: it is reopened before anything else.
        patch(TestUsers.ANALYST, "a-3", "acknowledged", null).assertProblem(409);
        patch(TestUsers.ANALYST, "a-3", "closed", null).assertProblem(409);
        assertEquals(
                0,
                get(TestUsers.VIEWER, "/alerts/a-3/history")
                        .json()
                        .path("total")
                        .asInt());
        assertEquals(
                "closed",
                get(TestUsers.VIEWER, "/alerts/a-3").json().path("status").asText());
    }

    @Test
    void badBodiesAre400NamingTheField() {
        assertTrue(patch(TestUsers.ANALYST, "a-4", "resolved", null)
                .assertProblem(400)
                .path("detail")
                .asText()
                .contains("'status'"));
        assertTrue(patch(TestUsers.ANALYST, "a-4", null, "no status")
                .assertProblem(400)
                .path("detail")
                .asText()
                .contains("'status'"));
        assertTrue(patch(TestUsers.ANALYST, "a-4", "closed", "x".repeat(2001))
                .assertProblem(400)
                .path("detail")
                .asText()
                .contains("'note'"));
        Reply notJson = patch(TestUsers.ANALYST, "/alerts/a-4", "{not json");
        notJson.assertProblem(400);
        assertEquals(
                "open",
                get(TestUsers.VIEWER, "/alerts/a-4").json().path("status").asText());
    }

    @Test
    void viewersMayNotAndScopedAnalystsOnlyTheirHosts() {
        // a-5's status before: concurrentChanges... (which may run first) leaves it open or acknowledged.
        JsonNode before = get(TestUsers.VIEWER, "/alerts/a-5").json();
        int historyBefore = get(TestUsers.VIEWER, "/alerts/a-5/history")
                .json()
                .path("total")
                .asInt();
        patch(TestUsers.VIEWER, "a-5", "acknowledged", null).assertProblem(403);
        patch(TestUsers.WEB_VIEWER, "a-5", "acknowledged", null).assertProblem(403);
        // db-01's analyst: web-01's alert does not exist for her
        patch(TestUsers.DB_ANALYST, "a-5", "acknowledged", null).assertProblem(404);
        get(TestUsers.DB_ANALYST, "/alerts/a-5/history").assertProblem(404);
        assertEquals(
                200, patch(TestUsers.DB_ANALYST, "a-6", "acknowledged", "mine").status());
        patch(TestUsers.ANALYST, "no-such-alert", "closed", null).assertProblem(404);
        assertEquals(
                before.path("status").asText(),
                get(TestUsers.VIEWER, "/alerts/a-5").json().path("status").asText());
        assertEquals(
                historyBefore,
                get(TestUsers.VIEWER, "/alerts/a-5/history")
                        .json()
                        .path("total")
                        .asInt(),
                "refused changes leave no history record");
    }

    @Test
    void theJobsFieldsSurviveAStatusChange() {
        String bump = "{\"doc\":{\"count\":99,\"last_seen\":\"" + Fleet.at(59) + "\"}}";
        assertEquals(
                200,
                seeder.send("POST", "/" + seeder.indices().alerts() + "/_update/a-2?refresh=true", bump)
                        .statusCode());
        Reply closed = patch(TestUsers.ANALYST, "a-2", "closed", null);
        assertEquals(200, closed.status(), closed.body());
        assertEquals(99, closed.json().path("count").asInt());
        assertEquals("closed", closed.json().path("status").asText());
        assertEquals(
                1,
                get(TestUsers.VIEWER, "/alerts/a-2/history")
                        .json()
                        .path("total")
                        .asInt());
    }

    @Test
    void concurrentChangesAndJobWritesKeepHistoryAndStatusInStep() throws Exception {
        // Analysts toggle a-5 while "the job" keeps bumping its count: guarded updates conflict and
        // retry. Whatever interleaving happens, every accepted change has exactly one history
        // record, the records chain, and the job's last write survives.
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        var accepted = new java.util.concurrent.atomic.AtomicInteger();
        var tasks = new java.util.ArrayList<java.util.concurrent.Future<?>>();
        for (int i = 0; i < 12; i++) {
            String status = i % 2 == 0 ? "acknowledged" : "open";
            tasks.add(pool.submit(() -> {
                int code = patch(TestUsers.ANALYST, "a-5", status, null).status();
                assertTrue(code == 200 || code == 409, "status " + code);
                if (code == 200) {
                    accepted.incrementAndGet();
                }
            }));
        }
        for (int bump = 1; bump <= 20; bump++) {
            seeder.send(
                    "POST",
                    "/" + seeder.indices().alerts() + "/_update/a-5",
                    "{\"doc\":{\"count\":" + (100 + bump) + "}}");
        }
        for (var task : tasks) {
            task.get();
        }
        pool.shutdown();

        JsonNode history = get(TestUsers.VIEWER, "/alerts/a-5/history").json();
        assertEquals(accepted.get(), history.path("total").asInt(), history.toString());
        String status = "open";
        for (JsonNode h : history.path("items")) {
            assertEquals(status, h.path("from_status").asText(), "records chain: " + history);
            status = h.path("to_status").asText();
        }
        JsonNode alert = get(TestUsers.VIEWER, "/alerts/a-5").json();
        assertEquals(status, alert.path("status").asText());
        assertEquals(120, alert.path("count").asInt());
    }
}
