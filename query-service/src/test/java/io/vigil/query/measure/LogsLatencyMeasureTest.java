package io.vigil.query.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.vigil.common.Indices;
import io.vigil.query.testing.ElasticsearchTestSupport;
import io.vigil.query.testing.EsSeeder;
import io.vigil.query.testing.StoredLog;
import io.vigil.query.testing.TestUsers;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measures (asserts nothing about speed) the latency of {@code GET /logs} over HTTP on a large
 * index: {@code -Dvigil.measure=true [-Dvigil.measure.docs=1000000]}. Lean sshd-like documents over
 * 50 hosts and 7 days are bulk-loaded with refresh off; then each query shape is sent repeatedly
 * and p50/p99 printed. Runs with the other tests' Elasticsearch node (1 GB heap).
 */
@MicronautTest
@EnabledIfSystemProperty(named = "vigil.measure", matches = "true")
class LogsLatencyMeasureTest extends ElasticsearchTestSupport {
    private static final int DOCS = Integer.getInteger("vigil.measure.docs", 1_000_000);
    private static final int ROUNDS = Integer.getInteger("vigil.measure.rounds", 200);
    private static final Instant END = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    private static final String[] SEVERITIES = {"LOW", "LOW", "LOW", "MEDIUM", "MEDIUM", "HIGH", "CRITICAL"};
    /** Documents shaped like the job's (ECS fields, threats), about the size of the bench's; else lean. */
    private static final boolean RICH = Boolean.getBoolean("vigil.measure.rich");

    /** Daily indices sorted as the list is (newest first), to measure what index sorting buys. */
    private static final boolean SORTED = Boolean.getBoolean("vigil.measure.sorted");

    private EsSeeder seeder;

    @BeforeAll
    void load() {
        seeder = resetIndices();
        Indices indices = seeder.indices();
        long spanMillis = 7L * 24 * 3600 * 1000;
        long start = System.nanoTime();
        // create the daily indices first, with refresh off while loading
        for (int day = 0; day <= 7; day++) {
            String index = indices.logsIndexFor(END.minus(day, ChronoUnit.DAYS).toEpochMilli());
            seeder.send(
                    "PUT",
                    "/" + index,
                    SORTED
                            ? "{\"settings\":{\"refresh_interval\":\"-1\",\"index.sort.field\":[\"timestamp\",\"kafka.offset\"],\"index.sort.order\":[\"desc\",\"desc\"]}}"
                            : "{\"settings\":{\"refresh_interval\":\"-1\"}}");
        }
        List<EsSeeder.Doc> batch = new ArrayList<>();
        for (int i = 0; i < DOCS; i++) {
            Instant ts = END.minusMillis(spanMillis * (DOCS - i) / DOCS);
            String message = (i % 4 == 0
                            ? "Failed password for root from 203.0.113."
                            : "Accepted publickey for deploy from 198.51.100.")
                    + (i % 250) + " port " + (1024 + i % 60000) + " ssh2";
            StoredLog log = StoredLog.of(ts, "host-" + (i % 50), SEVERITIES[i % SEVERITIES.length], message)
                    .kafka(0, i)
                    .ingested(ts);
            if (RICH) {
                enrich(log.source(), (ObjectNode) log.source().get("event"), i);
            }
            batch.add(log.in(indices));
            if (batch.size() == 20_000) {
                seeder.bulk(batch);
                batch.clear();
            }
        }
        seeder.bulk(batch);
        seeder.send("PUT", "/" + indices.logsPattern() + "/_settings", "{\"index\":{\"refresh_interval\":\"1s\"}}");
        seeder.refresh();
        seeder.send("POST", "/" + indices.logsPattern() + "/_forcemerge?max_num_segments=1", "");
        System.out.printf("MEASURE loaded %,d logs in %.1f s%n", DOCS, (System.nanoTime() - start) / 1e9);
    }

    @Test
    void latencyOfGetLogs() {
        String token = token(TestUsers.VIEWER);
        Map<String, String> shapes = new LinkedHashMap<>();
        shapes.put("newest 50", "/logs");
        shapes.put("host exact", "/logs?host=host-7");
        shapes.put("host glob + severity", "/logs?host=host-1*&severity=HIGH,CRITICAL");
        shapes.put("last 24h + severity + size 500", "/logs?from=now-24h&severity=MEDIUM&size=500");
        shapes.put("q full text", "/logs?q=" + URLEncoder.encode("failed password", StandardCharsets.UTF_8));
        shapes.put("page 20 x 500 (window end)", "/logs?page=20&size=500");
        // warm-up: caches, JIT, connections
        for (int i = 0; i < 5; i++) {
            shapes.values()
                    .forEach(uri -> assertEquals(
                            200, call(HttpRequest.GET(uri).bearerAuth(token)).status()));
        }
        JsonNode total = call(HttpRequest.GET("/logs?size=1").bearerAuth(token)).json();
        System.out.printf("MEASURE index holds %,d logs%n", total.path("total").asLong());
        // Round-robin over the shapes, so that the noise of a shared machine spreads evenly.
        Map<String, long[]> nanos = new LinkedHashMap<>();
        shapes.keySet().forEach(name -> nanos.put(name, new long[ROUNDS]));
        long[] cursor = new long[ROUNDS];
        long[] cursor500 = new long[ROUNDS];
        Map<String, long[]> esTook = new LinkedHashMap<>();
        String next = null;
        String next500 = null;
        for (int round = 0; round < ROUNDS; round++) {
            for (Map.Entry<String, String> shape : shapes.entrySet()) {
                long t = System.nanoTime();
                Reply reply = call(HttpRequest.GET(shape.getValue()).bearerAuth(token));
                nanos.get(shape.getKey())[round] = System.nanoTime() - t;
                assertEquals(200, reply.status(), reply.body());
            }
            long t = System.nanoTime();
            Reply reply = call(HttpRequest.GET("/logs" + (next == null ? "" : "?after=" + next))
                    .bearerAuth(token));
            cursor[round] = System.nanoTime() - t;
            assertEquals(200, reply.status(), reply.body());
            next = reply.json().path("next").asText();
            // The bench's shape: 500 per page; and the same search sent to Elasticsearch alone.
            String after500 = next500;
            measureElasticsearchAlone(after500, esTook, round);
            t = System.nanoTime();
            reply = call(HttpRequest.GET("/logs?size=500" + (after500 == null ? "" : "&after=" + after500))
                    .bearerAuth(token));
            cursor500[round] = System.nanoTime() - t;
            assertEquals(200, reply.status(), reply.body());
            next500 = reply.json().path("next").asText();
        }
        nanos.forEach(LogsLatencyMeasureTest::report);
        report("cursor pages (after=next, 50 each)", cursor);
        report("cursor pages (after=next, 500 each)", cursor500);
        esTook.forEach(LogsLatencyMeasureTest::report);
    }

    /** The fields the job writes for an sshd line, with a rule match on every fourth. */
    private static void enrich(ObjectNode s, ObjectNode event, int i) {
        boolean failed = i % 4 == 0;
        event.put("category", "authentication")
                .put("action", "ssh_login")
                .put("outcome", failed ? "failure" : "success")
                .put("module", "system")
                .put("dataset", "system.auth");
        s.putObject("user").put("name", failed ? "root" : "deploy");
        String ip = (failed ? "203.0.113." : "198.51.100.") + (i % 250);
        s.putObject("source").put("address", ip).put("ip", ip).put("port", 1024 + i % 60000);
        s.putObject("process").put("name", "sshd").put("pid", 900 + i % 30000);
        s.putObject("syslog").put("facility", "auth").put("priority", 38).put("appname", "sshd");
        if (failed) {
            var threat = s.putArray("threats").addObject();
            threat.put("rule_id", "ssh-brute-force")
                    .put("title", "SSH brute force")
                    .put("severity", "HIGH");
            threat.putArray("tags")
                    .add("attack.credential_access")
                    .add("attack.t1110")
                    .add("attack.t1110.001");
        }
        s.putObject("extra").put("raw_length", 120 + i % 40).put("shipper", "fluent-bit 3.1.4");
    }

    /**
     * Elasticsearch alone, for the search body the service sends (its {@code took}), and for two
     * variants of it: the hits without an exact total, and the exact total alone.
     */
    private void measureElasticsearchAlone(String after, Map<String, long[]> took, int round) {
        var filter = io.vigil.query.logs.LogFilter.parse(
                null, null, null, null, null, null, io.vigil.query.search.HostScope.all(), Instant.now());
        var body = io.vigil.query.logs.LogQuery.parse(
                        filter, new io.vigil.query.search.PageRequest(null, "500", after), JSON)
                .searchBody();
        took.computeIfAbsent("  the same search, ES took", k -> new long[ROUNDS])[round] = took(body);
        var noTotal = body.deepCopy().put("track_total_hits", false);
        took.computeIfAbsent("  without the exact total, ES took", k -> new long[ROUNDS])[round] = took(noTotal);
        var plainSort = noTotal.deepCopy();
        plainSort.putArray("sort").addObject().putObject("timestamp").put("order", "desc");
        var firstAfter = plainSort.remove("search_after");
        took.computeIfAbsent("  no total, timestamp sort only, ES took", k -> new long[ROUNDS])[round] =
                took(plainSort);
        if (firstAfter != null) {
            plainSort.putArray("search_after").add(firstAfter.get(0));
            took.computeIfAbsent("  ... and its search_after, ES took", k -> new long[ROUNDS])[round] = took(plainSort);
        }
        var noUnmapped = noTotal.deepCopy();
        noUnmapped
                .get("sort")
                .forEach(f -> f.fields()
                        .forEachRemaining(e -> ((com.fasterxml.jackson.databind.node.ObjectNode) e.getValue())
                                .remove("unmapped_type")));
        took.computeIfAbsent("  no total, no unmapped_type, ES took", k -> new long[ROUNDS])[round] = took(noUnmapped);
        var count = JSON.createObjectNode().put("size", 0).put("track_total_hits", true);
        count.set("query", body.get("query"));
        took.computeIfAbsent("  the exact total alone, ES took", k -> new long[ROUNDS])[round] = took(count);
    }

    private long took(com.fasterxml.jackson.databind.JsonNode body) {
        var answer = seeder.send("POST", "/" + prefix() + "-logs/_search", body.toString());
        assertEquals(200, answer.statusCode(), answer.body());
        try {
            return JSON.readTree(answer.body()).path("took").asLong() * 1_000_000L;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void report(String name, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double p50 = sorted[(int) Math.ceil(0.50 * sorted.length) - 1] / 1e6;
        double p99 = sorted[(int) Math.ceil(0.99 * sorted.length) - 1] / 1e6;
        System.out.printf("MEASURE GET %-38s p50 %7.1f ms   p99 %7.1f ms   (n=%d)%n", name, p50, p99, sorted.length);
    }
}
