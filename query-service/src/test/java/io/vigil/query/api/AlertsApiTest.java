package io.vigil.query.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.vigil.query.testing.Fleet;
import io.vigil.query.testing.FleetTestSupport;
import io.vigil.query.testing.TestUsers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** {@code GET /alerts} filters, order and shape; {@code GET /rules} and {@code GET /dlq} over the fleet data set. */
@MicronautTest
class AlertsApiTest extends FleetTestSupport {

    private List<String> alertIds(String query) {
        Reply reply = get(TestUsers.VIEWER, "/alerts?size=100" + query);
        assertEquals(200, reply.status(), reply.body());
        List<String> ids = new ArrayList<>();
        reply.json().path("items").forEach(a -> ids.add(a.path("id").asText()));
        assertEquals(ids.size(), reply.json().path("total").asInt());
        return ids;
    }

    private static List<String> expected(Predicate<Fleet.Alert> filter) {
        return Fleet.ALERTS.stream()
                .filter(filter)
                .sorted(Comparator.comparing(Fleet.Alert::lastSeen)
                        .thenComparing(Fleet.Alert::firstSeen)
                        .reversed())
                .map(Fleet.Alert::id)
                .toList();
    }

    @Test
    void listIsMostRecentlyActiveFirstWithEveryContractField() {
        assertEquals(expected(a -> true), alertIds(""));
        JsonNode alert = get(TestUsers.VIEWER, "/alerts?rule_id=cpu-high&status=closed")
                .json()
                .path("items")
                .path(0);
        for (String field : List.of(
                "id",
                "rule_id",
                "title",
                "severity",
                "tags",
                "host",
                "group_key",
                "first_seen",
                "last_seen",
                "count",
                "status",
                "event_ids")) {
            assertTrue(alert.has(field), field + " in " + alert);
        }
        assertEquals("a-3", alert.path("id").asText());
    }

    @Test
    void filtersAndCombinations() {
        assertEquals(expected(a -> a.severity().equals("HIGH")), alertIds("&severity=HIGH"));
        assertEquals(expected(a -> !a.status().equals("open")), alertIds("&status=acknowledged,closed"));
        assertEquals(expected(a -> a.host().startsWith("web-")), alertIds("&host=web-*"));
        assertEquals(expected(a -> a.ruleId().equals("ssh-brute-force")), alertIds("&rule_id=ssh-brute-force"));
        assertEquals(
                expected(a -> a.ruleId().equals("ssh-brute-force") && a.status().equals("open")),
                alertIds("&rule_id=ssh-brute-force&status=open"));
        assertEquals(
                expected(a -> a.severity().equals("HIGH") && a.host().equals("mail-01")),
                alertIds("&severity=HIGH&host=mail-01"));
    }

    @Test
    void timeRangeSelectsAlertsActiveInIt() {
        // a-6 (minutes 10-40) overlaps 25-35 though it began before; a-3 (30-45) too; a-2 (20-21) not.
        assertEquals(
                expected(a ->
                        a.firstSeen().isBefore(Fleet.at(35)) && !a.lastSeen().isBefore(Fleet.at(25))),
                alertIds("&" + Fleet.minutes(25, 35).query()));
        assertEquals(List.of("a-3", "a-6"), alertIds("&" + Fleet.minutes(25, 35).query()));
    }

    @Test
    void pagingWithCursor() {
        JsonNode first = get(TestUsers.VIEWER, "/alerts?size=4").json();
        assertEquals(6, first.path("total").asInt());
        JsonNode second = get(
                        TestUsers.VIEWER,
                        "/alerts?size=4&after=" + first.path("next").asText())
                .json();
        List<String> ids = new ArrayList<>();
        first.path("items").forEach(a -> ids.add(a.path("id").asText()));
        second.path("items").forEach(a -> ids.add(a.path("id").asText()));
        assertEquals(expected(a -> true), ids);
        assertTrue(second.path("next").isNull());
    }

    @Test
    void oneAlertAnd404() {
        assertEquals(
                "web-02",
                get(TestUsers.VIEWER, "/alerts/a-3").json().path("host").asText());
        get(TestUsers.VIEWER, "/alerts/no-such-alert").assertProblem(404);
    }

    @Test
    void rulesWithHitCounts() {
        Reply reply = get(TestUsers.VIEWER, "/rules");
        assertEquals(200, reply.status(), reply.body());
        JsonNode items = reply.json().path("items");
        assertEquals(Fleet.RULES.size(), items.size());
        for (int i = 0; i < Fleet.RULES.size(); i++) {
            Fleet.Rule rule = Fleet.RULES.get(i); // listed by id, like the answer
            JsonNode item = items.get(i);
            assertEquals(rule.id(), item.path("id").asText());
            assertEquals(rule.title(), item.path("title").asText());
            assertEquals(rule.kind(), item.path("kind").asText());
            assertEquals(rule.severity(), item.path("severity").asText());
            assertEquals(rule.enabled(), item.path("enabled").asBoolean());
            assertEquals(rule.tags().get(0), item.path("tags").path(0).asText());
            long alerts = Fleet.ALERTS.stream()
                    .filter(a -> a.ruleId().equals(rule.id()))
                    .count();
            long hits = Fleet.ALERTS.stream()
                    .filter(a -> a.ruleId().equals(rule.id()))
                    .mapToLong(Fleet.Alert::count)
                    .sum();
            assertEquals(alerts, item.path("alert_count").asLong(), rule.id());
            assertEquals(hits, item.path("hit_count").asLong(), rule.id());
        }
    }

    @Test
    void deadLettersForAdminsNewestFirst() {
        Reply reply = get(TestUsers.ADMIN, "/dlq?size=2");
        assertEquals(200, reply.status(), reply.body());
        JsonNode page = reply.json();
        assertEquals(Fleet.DEAD_LETTERS, page.path("total").asInt());
        JsonNode newest = page.path("items").path(0);
        assertEquals(Fleet.at(40).toString(), newest.path("time").asText());
        assertEquals("base64", newest.path("raw_encoding").asText());
        for (String field : List.of("reason", "topic", "partition", "offset", "time", "raw", "raw_encoding")) {
            assertTrue(newest.has(field), field);
        }
        JsonNode rest = get(
                        TestUsers.ADMIN,
                        "/dlq?size=2&after=" + page.path("next").asText())
                .json();
        assertEquals(
                Fleet.at(20).toString(), rest.path("items").path(0).path("time").asText());
        assertEquals(
                2,
                get(TestUsers.ADMIN, "/dlq?" + Fleet.minutes(15, 35).query())
                        .json()
                        .path("total")
                        .asInt());
    }
}
