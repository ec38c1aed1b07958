package io.vigil.query.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.vigil.common.Globs;
import io.vigil.query.testing.Fleet;
import io.vigil.query.testing.FleetTestSupport;
import io.vigil.query.testing.TestUsers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /metrics/summary} against rollups seeded from known raw samples: the averages equal
 * the averages of the raw samples, computed here independently of the rollups.
 */
@MicronautTest
class MetricsSummaryTest extends FleetTestSupport {
    private static final double EPSILON = 1e-6;

    private JsonNode summary(TestUsers.TestUser user, String query) {
        return getJson(user, "/metrics/summary?" + query);
    }

    /** The interval of the series the summary answers for this query. */
    private String interval(String query) {
        return summary(TestUsers.VIEWER, query).path("interval").asText();
    }

    private static double mean(
            List<Fleet.Sample> samples, Predicate<Fleet.Sample> filter, ToDoubleFunction<Fleet.Sample> value) {
        return samples.stream().filter(filter).mapToDouble(value).average().orElseThrow();
    }

    private static double max(
            List<Fleet.Sample> samples, Predicate<Fleet.Sample> filter, ToDoubleFunction<Fleet.Sample> value) {
        return samples.stream().filter(filter).mapToDouble(value).max().orElseThrow();
    }

    private static void assertClose(double expected, JsonNode actual, String what) {
        assertTrue(actual.isNumber(), what + " is " + actual);
        assertEquals(expected, actual.asDouble(), Math.abs(expected) * EPSILON + EPSILON, what);
    }

    private void assertMatches(JsonNode s, List<Fleet.Sample> samples, Predicate<Fleet.Sample> filter) {
        assertClose(mean(samples, filter, Fleet.Sample::cpu), s.at("/cpu_usage/avg"), "cpu avg");
        assertClose(max(samples, filter, Fleet.Sample::cpu), s.at("/cpu_usage/max"), "cpu max");
        assertClose(mean(samples, filter, Fleet.Sample::memory), s.at("/memory_usage/avg_percentage"), "memory avg");
        assertClose(max(samples, filter, Fleet.Sample::memory), s.at("/memory_usage/max_percentage"), "memory max");
        assertClose(mean(samples, filter, Fleet.Sample::netIn), s.at("/network/avg_in_bytes_per_sec"), "net in");
        assertClose(mean(samples, filter, Fleet.Sample::netOut), s.at("/network/avg_out_bytes_per_sec"), "net out");
        double p95 = s.at("/cpu_usage/p95").asDouble();
        assertTrue(
                p95 >= s.at("/cpu_usage/avg").asDouble()
                        && p95 <= s.at("/cpu_usage/max").asDouble(),
                "p95 " + p95);
    }

    @Test
    void fleetOverAnHourFromMinuteRollups() {
        Fleet.Range hour = Fleet.minutes(0, Fleet.MINUTES);
        JsonNode s = summary(TestUsers.VIEWER, hour.query());
        assertEquals(hour.from().toString(), s.path("from").asText());
        assertEquals(hour.to().toString(), s.path("to").asText());
        assertEquals("1m", s.path("interval").asText());
        assertEquals(List.of("db-01", "mail-01", "web-01", "web-02"), hosts(s));
        assertMatches(s, Fleet.MINUTE_SAMPLES, x -> true);

        JsonNode series = s.path("series");
        assertEquals(Fleet.MINUTES, series.size());
        JsonNode minute7 = series.get(7);
        Fleet.Range seventh = Fleet.minutes(7, 8);
        Predicate<Fleet.Sample> in7 = x -> seventh.holds(x.timestamp());
        assertEquals(seventh.from().toString(), minute7.path("timestamp").asText());
        assertClose(mean(Fleet.MINUTE_SAMPLES, in7, Fleet.Sample::cpu), minute7.path("cpu_avg"), "series cpu_avg");
        assertClose(max(Fleet.MINUTE_SAMPLES, in7, Fleet.Sample::cpu), minute7.path("cpu_max"), "series cpu_max");
        assertClose(
                mean(Fleet.MINUTE_SAMPLES, in7, Fleet.Sample::memory),
                minute7.path("memory_avg_percentage"),
                "series memory");
        assertClose(mean(Fleet.MINUTE_SAMPLES, in7, Fleet.Sample::netIn), minute7.path("net_in"), "series net_in");
        assertClose(mean(Fleet.MINUTE_SAMPLES, in7, Fleet.Sample::netOut), minute7.path("net_out"), "series net_out");
    }

    @Test
    void widerBucketsMergeRollupsWithTheSameWeighting() {
        JsonNode s = summary(TestUsers.VIEWER, Fleet.minutes(0, Fleet.MINUTES).query() + "&interval=5m");
        assertEquals("5m", s.path("interval").asText());
        // the first bucket starts at the 5-minute boundary at or before BASE
        Instant first = Instant.parse(s.path("series").get(0).path("timestamp").asText());
        Fleet.Range firstBucket = new Fleet.Range(first, first.plusSeconds(300));
        Predicate<Fleet.Sample> inFirst = x -> firstBucket.holds(x.timestamp());
        assertClose(
                mean(Fleet.MINUTE_SAMPLES, inFirst, Fleet.Sample::cpu),
                s.path("series").get(0).path("cpu_avg"),
                "5m cpu_avg");
        assertClose(
                max(Fleet.MINUTE_SAMPLES, inFirst, Fleet.Sample::cpu),
                s.path("series").get(0).path("cpu_max"),
                "5m cpu_max");
        assertMatches(s, Fleet.MINUTE_SAMPLES, x -> true);
        assertEquals("1d", interval("from=now-4d&interval=1d"));
    }

    @Test
    void oneHostAndAGlobOverPartOfTheHour() {
        Fleet.Range range = Fleet.minutes(10, 25);
        Predicate<Fleet.Sample> inRange = x -> range.holds(x.timestamp());
        JsonNode db = summary(TestUsers.VIEWER, "host=db-01&" + range.query());
        assertEquals(List.of("db-01"), hosts(db));
        assertMatches(db, Fleet.MINUTE_SAMPLES, inRange.and(x -> x.host().equals("db-01")));
        assertEquals(15, db.path("series").size());

        JsonNode web = summary(TestUsers.VIEWER, "host=web-*&" + range.query());
        assertMatches(web, Fleet.MINUTE_SAMPLES, inRange.and(x -> Globs.matches("web-*", x.host())));
    }

    @Test
    void longRangesUseHourRollups() {
        JsonNode s = summary(TestUsers.VIEWER, "from=now-4d");
        assertEquals("1h", s.path("interval").asText());
        assertMatches(s, Fleet.HOUR_SAMPLES, x -> true);
        assertEquals(72, s.path("series").size());
        assertTrue(Duration.between(
                                Instant.parse(s.path("from").asText()),
                                Instant.parse(s.path("to").asText()))
                        .compareTo(Duration.ofDays(4))
                == 0);
        // the interval can be asked for: 1h over the 72 hours
        assertEquals("1h", interval("from=now-4d&interval=1h"));
    }

    @Test
    void aHostScopedUserSeesOnlyTheirHosts() {
        Fleet.Range hour = Fleet.minutes(0, Fleet.MINUTES);
        JsonNode s = summary(TestUsers.WEB_VIEWER, hour.query());
        assertEquals(List.of("web-01", "web-02"), hosts(s));
        assertMatches(s, Fleet.MINUTE_SAMPLES, x -> x.host().startsWith("web-"));
        JsonNode other = summary(TestUsers.WEB_VIEWER, "host=db-01&" + hour.query());
        assertEquals(List.of(), hosts(other));
        assertTrue(other.at("/cpu_usage/avg").isNull());
        assertEquals(0, other.path("series").size());
    }

    @Test
    void emptyRangeAnswersNullsNotErrors() {
        JsonNode s = summary(TestUsers.VIEWER, "from=2001-01-01T00:00:00Z&to=2001-01-01T01:00:00Z");
        assertTrue(s.at("/cpu_usage/avg").isNull());
        assertTrue(s.at("/memory_usage/max_percentage").isNull());
        assertTrue(s.at("/network/avg_in_bytes_per_sec").isNull());
        assertEquals(0, s.path("series").size());
        assertEquals(0, s.path("hosts").size());
    }

    private static List<String> hosts(JsonNode s) {
        List<String> hosts = new java.util.ArrayList<>();
        s.path("hosts").forEach(h -> hosts.add(h.asText()));
        return hosts;
    }
}
