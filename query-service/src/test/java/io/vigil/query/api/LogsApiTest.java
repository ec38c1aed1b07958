package io.vigil.query.api;

import static io.vigil.query.testing.Fleet.host;
import static io.vigil.query.testing.Fleet.severities;
import static io.vigil.query.testing.Fleet.words;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.vigil.query.testing.Fleet;
import io.vigil.query.testing.FleetTestSupport;
import io.vigil.query.testing.TestUsers;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** {@code GET /logs} and {@code GET /logs/{id}} over the fleet data set: each filter, and combinations. */
@MicronautTest
class LogsApiTest extends FleetTestSupport {

    private JsonNode logs(String query) {
        return getJson(TestUsers.VIEWER, "/logs?size=500" + query);
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    private void assertLogs(String query, Predicate<Fleet.Log> expected) {
        JsonNode page = logs(query);
        List<String> want = Fleet.expectedIds(expected);
        assertFalse(want.isEmpty(), "the data set should hold matches for " + query);
        assertEquals(want.size(), page.path("total").asLong(), query);
        assertEquals(want, ids(page), query);
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void everythingNewestFirstWithTheEnvelope() {
        JsonNode page = logs("");
        assertEquals(Fleet.LOGS.size(), page.path("total").asLong());
        assertEquals(1, page.path("page").asInt());
        assertEquals(500, page.path("size").asInt());
        assertTrue(page.path("next").isNull(), "one page holds all");
        assertEquals(Fleet.expectedIds(log -> true), ids(page));
    }

    @Test
    void itemsCarryTheContractFields() {
        JsonNode metric = logs("&kind=metric").path("items").path(0);
        for (String field : List.of("id", "timestamp", "host", "severity", "kind", "topic", "message")) {
            assertTrue(metric.hasNonNull(field), field + " in " + metric);
        }
        assertEquals(42.5, metric.path("cpu_usage").asDouble());
        assertEquals(8_589_934_592L, metric.path("memory_usage").path("total").asLong());
        assertEquals(1200.0, metric.path("network").path("in_bytes_per_sec").asDouble());
        assertTrue(metric.path("timestamp").asText().endsWith("Z"), "UTC ISO-8601");
    }

    @Test
    void hostExactAndGlob() {
        assertLogs("&host=db-01", host("db-01"));
        assertLogs("&host=web-*", host("web-*"));
        assertLogs("&host=" + enc("*-0?"), host("*-0?"));
        assertEquals(0, logs("&host=web").path("total").asLong(), "exact means exact");
    }

    @Test
    void severityList() {
        assertLogs("&severity=CRITICAL", severities("CRITICAL"));
        assertLogs("&severity=high,critical", severities("HIGH", "CRITICAL"));
    }

    @Test
    void timeRangeAbsoluteAndRelative() {
        Fleet.Range range = Fleet.minutes(10, 20);
        assertLogs("&" + range.query(), log -> range.holds(log.timestamp()));
        // BASE is 90 minutes ago and the logs span its first 60: now-45m keeps the last 15 of them.
        Instant cut = Instant.now().minusSeconds(45 * 60);
        JsonNode page = logs("&from=now-45m");
        long expected =
                Fleet.LOGS.stream().filter(l -> !l.timestamp().isBefore(cut)).count();
        // A minute boundary may pass between computing `cut` and the request: allow that one minute's logs.
        assertTrue(
                Math.abs(expected - page.path("total").asLong()) <= Fleet.HOSTS.size(),
                expected + " vs " + page.path("total"));
        assertTrue(page.path("total").asLong() > 0 && page.path("total").asLong() < Fleet.LOGS.size());
        assertLogs(
                "&from=" + Fleet.at(0).toString().replace("Z", "+00:00").replace("+", "%2B") + "&to=now", log -> true);
    }

    @Test
    void kind() {
        assertLogs("&kind=metric", log -> log.kind().equals("metric"));
        assertLogs("&kind=event", log -> log.kind().equals("event"));
    }

    @Test
    void fullTextOverTheMessage() {
        assertLogs("&q=" + enc("failed password"), words("failed", "password"));
        assertLogs("&q=" + enc("\"disk full\""), words("disk", "full"));
        assertLogs(
                "&q=" + enc("password -accepted"),
                words("password").and(words("accepted").negate()));
        assertLogs("&q=" + enc("publi*"), words("publickey"));
        // Query DSL in q is just text: no match, no error.
        assertEquals(0, logs("&q=" + enc("{\"match_all\":{}}")).path("total").asLong());
        // Other fields are not searched: host names appear only in metric messages ("on web-01").
        assertLogs("&q=" + enc("root"), words("root"));
    }

    @Test
    void combinations() {
        Fleet.Range range = Fleet.minutes(5, 50);
        assertLogs(
                "&host=web-*&severity=HIGH,CRITICAL&kind=event&" + range.query(),
                host("web-*")
                        .and(severities("HIGH", "CRITICAL"))
                        .and(l -> l.kind().equals("event"))
                        .and(l -> range.holds(l.timestamp())));
        assertLogs("&host=db-01&q=failed", host("db-01").and(words("failed")));
        assertLogs(
                "&severity=LOW&kind=metric&host=mail-01",
                host("mail-01").and(severities("LOW")).and(l -> l.kind().equals("metric")));
    }

    @Test
    void pagesAreSlicesOfTheSameOrder() {
        List<String> all = Fleet.expectedIds(log -> true);
        JsonNode second = get(TestUsers.VIEWER, "/logs?page=2&size=7").json();
        assertEquals(all.subList(7, 14), ids(second));
        assertEquals(2, second.path("page").asInt());
        assertFalse(second.path("next").isNull(), "more pages follow");
        JsonNode viaCursor = get(
                        TestUsers.VIEWER,
                        "/logs?size=7&after=" + second.path("next").asText())
                .json();
        assertEquals(all.subList(14, 21), ids(viaCursor));
        assertEquals(3, viaCursor.path("page").asInt());
        JsonNode last = get(TestUsers.VIEWER, "/logs?size=7&page=" + ((all.size() + 6) / 7))
                .json();
        assertNull(last.path("next").isNull() ? null : last.path("next").asText(), "no next on the last page");
    }

    @Test
    void oneLogById() {
        Fleet.Log log = Fleet.LOGS.get(17);
        Reply reply = get(TestUsers.VIEWER, "/logs/" + log.id());
        assertEquals(200, reply.status(), reply.body());
        assertEquals(log.id(), reply.json().path("id").asText());
        assertEquals(log.host(), reply.json().path("host").asText());
        assertEquals(log.message(), reply.json().path("message").asText());
        get(TestUsers.VIEWER, "/logs/threat-logs-0-999999").assertProblem(404);
    }

    @Test
    void severalLogsByIdListTheOnesThatExist() {
        List<String> wanted = List.of(
                Fleet.LOGS.get(3).id(),
                "threat-logs-0-999999",
                Fleet.LOGS.get(17).id(),
                Fleet.LOGS.get(40).id());
        JsonNode page = logs("&ids=" + enc(String.join(",", wanted)));
        List<String> want = Fleet.expectedIds(log -> wanted.contains(log.id()));
        assertEquals(3, want.size(), "the three that exist");
        assertEquals(3, page.path("total").asLong());
        assertEquals(want, ids(page), "newest first, the missing one absent");
        assertLogs(
                "&ids=" + enc(String.join(",", wanted)) + "&host="
                        + Fleet.LOGS.get(17).host(),
                log -> wanted.contains(log.id())
                        && log.host().equals(Fleet.LOGS.get(17).host()));
    }

    @Test
    void idListsAreBounded() {
        get(TestUsers.VIEWER, "/logs?ids=a,,b").assertProblem(400);
        String many = String.join(
                ",",
                java.util.stream.IntStream.rangeClosed(0, 100)
                        .mapToObj(i -> "threat-logs-0-" + i)
                        .toList());
        get(TestUsers.VIEWER, "/logs?ids=" + many).assertProblem(400);
    }
}
