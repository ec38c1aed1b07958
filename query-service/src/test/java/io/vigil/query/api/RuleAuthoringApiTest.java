package io.vigil.query.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.vigil.query.rules.RulesTool;
import io.vigil.query.testing.ElasticsearchTestSupport;
import io.vigil.query.testing.EsSeeder;
import io.vigil.query.testing.FakeReceiver;
import io.vigil.query.testing.TestUsers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What rule authors get from the API (rules/README.md): shadow alerts stay out of the analysts'
 * lists and notifications but count in their rule's would-be rate; the catalog says which rules
 * are dormant and which rule set runs; admins deploy and backtest through the {@code vigil}
 * command (here a stand-in script that records how it was called).
 */
@MicronautTest
class RuleAuthoringApiTest extends ElasticsearchTestSupport {
    private static final String HOOK = "/hooks/authoring";
    private static final String RULE_SET = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final FakeReceiver RECEIVER = new FakeReceiver();
    private static final Path TOOL_DIR = tempDir();

    /** What ./vigil rules backtest --json prints last (BacktestCommand), on one line. */
    private static final String BACKTEST = """
            {"from":"2026-11-26T10:00:00Z","to":"2026-11-26T11:00:00Z","index":"ruleauthoring-logs","events":42,\
            "rules_run":2,"rules_loaded":3,"protected_fields_read":false,"alerts":[{"id":"bt-1","rule_id":"live-rule",\
            "title":"live-rule","description":null,"summary":"3 failed logins","severity":"HIGH","tags":[],\
            "host":"web-01","hosts":["web-01"],"group_key":"host=web-01","first_seen":"2026-11-26T10:01:00Z",\
            "last_seen":"2026-11-26T10:02:00Z","count":3,"updated_at":"2026-11-26T12:00:00Z","shadow":false,\
            "event_ids":["e-1"],"context":{"window":"5m","threshold":3}}],"by_rule":{"live-rule":1}}""";

    @Override
    protected Map<String, String> moreProperties() {
        return Map.of(
                "vigil.rules.command", fakeVigil().toString(),
                "vigil.rules.flink-url", "http://flink.example:8081",
                "vigil.notifications.webhook-url", RECEIVER.url(HOOK),
                "vigil.notifications.webhook-min-severity", "LOW",
                "vigil.notifications.poll-interval", "200ms",
                // admins here do not see protected fields in clear: a backtest must not read them for them
                "vigil.clear-roles", "analyst");
    }

    @BeforeAll
    void seed() {
        EsSeeder seeder = resetIndices();
        Instant now = Instant.now();
        List<EsSeeder.Doc> docs = new ArrayList<>();
        docs.add(rule(seeder, "live-rule", "live", null));
        docs.add(rule(seeder, "noisy-candidate", "shadow", null));
        docs.add(rule(seeder, "win-rule", "live", "Vigil has no Windows event log input"));
        docs.add(alert(seeder, "live-1", "live-rule", false, now.minusSeconds(60)));
        docs.add(alert(seeder, "shadow-1", "noisy-candidate", true, now.minusSeconds(50)));
        docs.add(alert(seeder, "shadow-2", "noisy-candidate", true, now.minusSeconds(40)));
        docs.add(alert(seeder, "shadow-old", "noisy-candidate", true, now.minus(Duration.ofDays(3))));
        seeder.bulk(docs);
        seeder.send("POST", "/" + prefix() + "-*/_refresh", null);
    }

    @AfterAll
    void stopReceiver() {
        RECEIVER.close();
    }

    @Test
    void shadowAlertsAreLeftOutOfTheAlertListUnlessAskedFor() {
        assertEquals(List.of("live-1"), ids("/alerts?size=100"));
        assertEquals(List.of("shadow-2", "shadow-1", "live-1", "shadow-old"), ids("/alerts?size=100&shadow=include"));
        assertEquals(List.of("shadow-2", "shadow-1", "shadow-old"), ids("/alerts?size=100&shadow=only"));
        get(TestUsers.VIEWER, "/alerts?shadow=maybe").assertProblem(400);
    }

    @Test
    void aShadowAlertNotifiesNobody() {
        List<FakeReceiver.Received> got = RECEIVER.await(HOOK, 1, Duration.ofSeconds(20));
        assertTrue(got.get(0).body().contains("live-1"), got.get(0).body());
        // both were there when the first poll ran: had the shadow ones been sent, they would be here by now
        sleep(1_500);
        for (FakeReceiver.Received r : RECEIVER.requests(HOOK)) {
            assertFalse(r.body().contains("shadow-"), r.body());
        }
    }

    @Test
    void theCatalogSaysModeDormancyRuleSetAndTheWouldBeRate() {
        Reply reply = get(TestUsers.VIEWER, "/rules");
        assertEquals(200, reply.status(), reply.body());
        JsonNode items = reply.json().path("items");
        JsonNode candidate = find(items, "noisy-candidate");
        assertEquals("shadow", candidate.path("mode").asText());
        assertEquals(2, candidate.path("alerts_24h").asInt(), "the shadow alerts of the last day");
        assertEquals(3, candidate.path("alert_count").asInt());
        assertEquals(RULE_SET, candidate.path("rule_set").asText());
        JsonNode win = find(items, "win-rule");
        assertEquals("Vigil has no Windows event log input", win.path("dormant").asText());
        assertEquals(1, find(items, "live-rule").path("alerts_24h").asInt());
    }

    @Test
    void adminsDeployThroughTheVigilCommandOthersMayNot() throws IOException {
        Reply analyst = call(HttpRequest.POST("/rules/deploy", "").bearerAuth(token(TestUsers.ANALYST)));
        assertEquals(403, analyst.status());
        Reply admin = call(HttpRequest.POST("/rules/deploy", "").bearerAuth(token(TestUsers.ADMIN)));
        assertEquals(200, admin.status(), admin.body());
        assertTrue(admin.json().path("ok").asBoolean());
        assertTrue(admin.json().path("output").asText().contains("deployed rule set"), admin.body());
        assertEquals("rules deploy --flink http://flink.example:8081", lastCall());
    }

    @Test
    void aBacktestRunsOverTheRangeAsInstantsAndAnswersWhatTheCommandFound() throws IOException {
        Reply reply = call(HttpRequest.POST(
                        "/rules/backtest", Map.of("from", "2026-11-26T10:00:00Z", "to", "2026-11-26T11:00:00Z"))
                .bearerAuth(token(TestUsers.ADMIN)));
        assertEquals(200, reply.status(), reply.body());
        assertEquals(42, reply.json().path("events").asInt());
        assertEquals(
                "rules backtest --from 2026-11-26T10:00:00Z --to 2026-11-26T11:00:00Z --json --no-keys",
                lastCall(),
                "an admin outside VIGIL_CLEAR_ROLES gets a backtest that does not read protected fields");
        call(HttpRequest.POST("/rules/backtest", Map.of("from", "2026-11-20T10:00:00Z", "to", "2026-11-28T11:00:00Z"))
                        .bearerAuth(token(TestUsers.ADMIN)))
                .assertProblem(400);
        call(HttpRequest.POST("/rules/backtest", Map.of("from", "yesterday; rm -rf /"))
                        .bearerAuth(token(TestUsers.ADMIN)))
                .assertProblem(400);
    }

    @Test
    void theActionsAnswerWhatTheCommandDidAsItSaidIt() throws IOException {
        Reply deploy = call(HttpRequest.POST("/rules/deploy", "").bearerAuth(token(TestUsers.ADMIN)));
        assertEquals(
                MAPPER.createObjectNode()
                        .put("ok", true)
                        .put("exit_code", 0)
                        .put("output", "deployed rule set 0123456789ab: job b replaced a; detection paused 3.1 s\n"),
                deploy.json());
        Reply backtest = call(HttpRequest.POST(
                        "/rules/backtest", Map.of("from", "2026-11-26T10:00:00Z", "to", "2026-11-26T11:00:00Z"))
                .bearerAuth(token(TestUsers.ADMIN)));
        assertEquals(MAPPER.readTree(BACKTEST), backtest.json(), "the command's answer, passed on whole");
    }

    @Test
    void withoutTheCommandTheActionsAreNotAvailable() {
        HttpStatusException e =
                assertThrows(HttpStatusException.class, () -> new RulesTool("", "").deploy(Duration.ofSeconds(5)));
        assertEquals(HttpStatus.NOT_IMPLEMENTED, e.getStatus());
    }

    // ------------------------------------------------------------------

    private List<String> ids(String uri) {
        Reply reply = get(TestUsers.VIEWER, uri);
        assertEquals(200, reply.status(), reply.body());
        List<String> ids = new ArrayList<>();
        reply.json().path("items").forEach(a -> ids.add(a.path("id").asText()));
        return ids;
    }

    private static JsonNode find(JsonNode items, String id) {
        for (JsonNode item : items) {
            if (item.path("id").asText().equals(id)) {
                return item;
            }
        }
        throw new AssertionError("no rule " + id + " in " + items);
    }

    private static EsSeeder.Doc rule(EsSeeder seeder, String id, String mode, String dormant) {
        ObjectNode doc = MAPPER.createObjectNode()
                .put("id", id)
                .put("title", id)
                .put("kind", "match")
                .put("severity", "HIGH")
                .put("enabled", true)
                .put("mode", mode)
                .put("rule_set", RULE_SET)
                .put("loaded_at", Instant.now().toString());
        if (dormant != null) {
            doc.put("dormant", dormant);
        }
        return new EsSeeder.Doc(seeder.indices().rules(), id, doc);
    }

    private static EsSeeder.Doc alert(EsSeeder seeder, String id, String ruleId, boolean shadow, Instant first) {
        ObjectNode doc = MAPPER.createObjectNode()
                .put("rule_id", ruleId)
                .put("title", ruleId)
                .put("summary", id)
                .put("severity", "CRITICAL")
                .put("host", "web-01")
                .put("group_key", "host=web-01")
                .put("first_seen", first.toString())
                .put("last_seen", first.plusSeconds(5).toString())
                .put("count", 1)
                .put("status", "open")
                .put("shadow", shadow);
        doc.putArray("hosts").add("web-01");
        doc.putArray("event_ids").add("e-" + id);
        return new EsSeeder.Doc(seeder.indices().alerts(), id, doc);
    }

    /** A stand-in for the vigil script: records its arguments, answers as the real one would. */
    private static Path fakeVigil() {
        try {
            Path script = TOOL_DIR.resolve("vigil");
            Files.writeString(script, """
                    #!/usr/bin/env bash
                    echo "$*" > "$(dirname "$0")/last-call"
                    case "$2" in
                      deploy) echo "deployed rule set 0123456789ab: job b replaced a; detection paused 3.1 s" ;;
                      backtest) echo 'backtest of 2 rules'; echo 'BACKTEST' ;;
                    esac
                    """.replace("BACKTEST", BACKTEST));
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
            return script;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String lastCall() throws IOException {
        return Files.readString(TOOL_DIR.resolve("last-call")).trim();
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("vigil-rules-tool");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
