package io.vigil.query.notify;

import static io.vigil.query.notify.NotifyTestSupport.json;
import static io.vigil.query.notify.NotifyTestSupport.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.vigil.common.FreePorts;
import io.vigil.common.protect.FieldCipher;
import io.vigil.common.protect.FieldKeys;
import io.vigil.common.protect.ProtectedFields;
import io.vigil.query.testing.AlertWriter;
import io.vigil.query.testing.AlertWriter.JobAlert;
import io.vigil.query.testing.DataDirKeys;
import io.vigil.query.testing.ElasticsearchTestSupport;
import io.vigil.query.testing.EsSeeder;
import io.vigil.query.testing.FakeReceiver;
import io.vigil.query.testing.FakeReceiver.Answer;
import io.vigil.query.testing.FakeReceiver.Received;
import io.vigil.query.testing.LogCapture;
import io.vigil.query.testing.TestUsers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The notifier in the real service against real Elasticsearch and local stand-ins of the
 * receivers: routing, quiet hours, retries (500, 429 with Retry-After, a timeout), dead letters,
 * rate limits, burst grouping, skipping what was acknowledged, the admin endpoints, and no secret
 * in any log. Each test uses its own channel, selected by rule id, so they do not interfere.
 */
@MicronautTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NotificationDeliveryTest extends ElasticsearchTestSupport {
    private static final LogCapture LOGS = new LogCapture(); // before the context starts
    private static final String SLACK_PATH = "/services/T000/B000/SLACKSECRET77";
    private static final String PD_KEY = "pd-routing-key-SECRET-31";
    private static final String HMAC = "hmac-SECRET-for-retries";

    private final FakeReceiver receiver = new FakeReceiver();
    private final int deadPort = FreePorts.next();
    private EsSeeder seeder;
    private AlertWriter writer;
    private FieldKeys keys;

    @Override
    protected Map<String, String> moreProperties() {
        LocalTime now = LocalTime.now(ZoneOffset.UTC);
        String quietFrom = now.minusHours(1).truncatedTo(ChronoUnit.MINUTES).toString();
        String quietTo = now.plusHours(1).truncatedTo(ChronoUnit.MINUTES).toString();
        try {
            Files.writeString(
                    dataDir.resolve("assets.yml"),
                    "assets:\n  - {hosts: [\"db-*\"], group: data}\n  - {hosts: [\"web-*\"], group: web}\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        NotifyTestSupport.writeChannels(
                dataDir,
                """
                assets_file: %s
                channels:
                  - {name: route-hook, type: webhook, url: secret:route_url,
                     route: {min_severity: HIGH, tags: ["attack.*"], hosts: ["web-*"], rules: ["route-*"]}}
                  - {name: group-hook, type: webhook, url: secret:group_url, route: {min_severity: LOW, host_groups: [data], rules: ["group-*"]}}
                  - {name: retry-hook, type: webhook, url: secret:retry_url, secret: secret:hmac, timeout: 500ms,
                     headers: {X-Team: soc}, route: {rules: ["retry-*"]}}
                  - {name: dead-hook, type: webhook, url: secret:dead_url, route: {rules: ["dead-*"]}}
                  - {name: refused-hook, type: webhook, url: secret:refused_url, route: {rules: ["refused-*"]}}
                  - {name: rate-hook, type: webhook, url: secret:rate_url, rate_limit: {messages: 2, per: 3s}, route: {rules: ["rate-*"]}}
                  - {name: quiet-hook, type: webhook, url: secret:quiet_url, route: {rules: ["quiet-*"]},
                     quiet_hours: {from: "%s", to: "%s", zone: UTC, let_through: CRITICAL}}
                  - {name: team-slack, type: slack, url: secret:slack_url, group: {wait: 1s, max: 20}, route: {min_severity: LOW, rules: ["burst-*"]}}
                  - {name: ack-slack, type: slack, url: secret:ack_url, group: {wait: 3s}, route: {rules: ["ack-*"]}}
                  - {name: pd, type: pagerduty, url: "%s", routing_key: secret:pd_key, route: {rules: ["pd-*"]}}
                  - {name: late-hook, type: webhook, url: secret:late_url, route: {rules: ["late-*"]}}
                  - {name: masked-hook, type: webhook, url: secret:masked_url, route: {rules: ["shown-*"]}}
                  - {name: clear-hook, type: webhook, url: secret:clear_url, protected_values: clear, route: {rules: ["shown-*"]}}
                """.formatted(dataDir.resolve("assets.yml"), quietFrom, quietTo, receiver.url("/v2/enqueue")),
                Map.ofEntries(
                        Map.entry("route_url", receiver.url("/route")),
                        Map.entry("group_url", receiver.url("/group")),
                        Map.entry("retry_url", receiver.url("/retry")),
                        Map.entry("hmac", HMAC),
                        Map.entry("dead_url", "http://127.0.0.1:" + deadPort + "/dead/DEADSECRET"),
                        Map.entry("refused_url", receiver.url("/refused")),
                        Map.entry("rate_url", receiver.url("/rate")),
                        Map.entry("quiet_url", receiver.url("/quiet")),
                        Map.entry("slack_url", receiver.url(SLACK_PATH)),
                        Map.entry("ack_url", receiver.url("/ack")),
                        Map.entry("pd_key", PD_KEY),
                        Map.entry("late_url", receiver.url("/late")),
                        Map.entry("masked_url", receiver.url("/masked")),
                        Map.entry("clear_url", receiver.url("/clear"))));
        keys = DataDirKeys.createAndLoad(dataDir);
        Map<String, String> p = new HashMap<>(NotifyTestSupport.quickRetries(4));
        p.put("vigil.notifications.max-retry-after", "5s");
        p.put("vigil.public-url", "https://vigil.example.org");
        return p;
    }

    @BeforeAll
    void seed() {
        seeder = resetIndices();
        writer = new AlertWriter(seeder);
        receiver.always("/refused", Answer.status(400));
    }

    @AfterAll
    void stopReceiver() {
        receiver.close();
    }

    /** Alert "route-1" is of rule "route-rule": each channel routes its own rules ("route-*"). */
    private static JobAlert alert(String id, String severity, String host) {
        return AlertWriter.alert(id, id.substring(0, id.lastIndexOf('-')) + "-rule", severity, host);
    }

    private JsonNode notification(String id) {
        return getJson(TestUsers.ADMIN, "/notifications?alert_id=" + id)
                .path("items")
                .path(0);
    }

    private JsonNode awaitNotification(String id, Predicate<JsonNode> state, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            JsonNode n = notification(id);
            if (state.test(n)) {
                return n;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("notification of " + id + " did not reach the expected state: " + n);
            }
            sleep(100);
        }
    }

    private static Set<String> ids(List<Received> requests) {
        Set<String> ids = new HashSet<>();
        requests.forEach(r -> assertTrue(ids.add(json(r.body()).path("id").asText()), "sent twice: " + r.body()));
        return ids;
    }

    @Test
    @Order(1)
    void routesBySeverityTagsHostHostGroupAndRule() {
        writer.upsert(alert("route-1", "HIGH", "web-01"));
        writer.upsert(alert("route-2", "MEDIUM", "web-01")); // below HIGH
        writer.upsert(alert("route-3", "HIGH", "db-01")); // host
        writer.upsert(new JobAlert(
                "route-4",
                "route-rule",
                "t",
                "HIGH",
                List.of("recon"),
                "web-01",
                1,
                Instant.now(),
                Instant.now(),
                Map.of())); // tags
        writer.upsert(alert("route-5", "CRITICAL", "web-02"));
        writer.upsert(alert("group-1", "LOW", "db-01")); // assets: data
        writer.upsert(new JobAlert(
                "group-2",
                "group-rule",
                "t",
                "LOW",
                List.of(),
                "web-01",
                1,
                Instant.now(),
                Instant.now(),
                Map.of("host_group", "data"))); // its own group
        writer.upsert(alert("group-3", "CRITICAL", "web-03")); // assets: web

        receiver.await("/route", 2, Duration.ofSeconds(10));
        receiver.await("/group", 2, Duration.ofSeconds(10));
        sleep(1500); // several more polls: nothing else may come
        assertEquals(Set.of("route-1", "route-5"), ids(receiver.requests("/route")));
        assertEquals(Set.of("group-1", "group-2"), ids(receiver.requests("/group")));
        Received first = receiver.requests("/route").get(0);
        assertEquals("alert", first.header("X-Vigil-Event"));
        assertTrue(
                first.header("X-Vigil-Delivery").startsWith("route-hook:route-"),
                first.headers().toString());
        assertEquals(null, first.header("X-Vigil-Signature-256"), "no secret, no signature");
        // Suppression updates of a notified alert: new count and last_seen, never a second notification.
        writer.upsert(alert("route-1", "HIGH", "web-01").withCount(40, Instant.now()));
        writer.upsert(alert("route-1", "CRITICAL", "web-01").withCount(41, Instant.now()));
        sleep(1000);
        assertEquals(2, receiver.requests("/route").size());
    }

    @Test
    @Order(2)
    void retriesAfter500And429WithRetryAfterAndATimeoutThenDeliversOnce() {
        receiver.script("/retry", Answer.status(500), Answer.tooManyRequests(1), Answer.hang(Duration.ofSeconds(2)));
        writer.upsert(alert("retry-1", "HIGH", "web-01"));
        List<Received> attempts = receiver.await("/retry", 4, Duration.ofSeconds(20));
        JsonNode delivered =
                awaitNotification("retry-1", n -> n.path("status").asText().equals("delivered"), Duration.ofSeconds(5));
        sleep(1000);
        attempts = receiver.requests("/retry");
        assertEquals(4, attempts.size(), "500, 429, no answer, 200");
        assertEquals(4, delivered.path("attempts").asInt(), delivered.toString());
        assertEquals(200, delivered.path("http_status").asInt());
        for (Received r : attempts) {
            assertEquals(attempts.get(0).body(), r.body(), "each attempt sends the same notification");
            assertEquals("retry-hook:retry-1", r.header("X-Vigil-Delivery"));
            assertEquals(NotifyTestSupport.hmac(HMAC, r.body()), r.header("X-Vigil-Signature-256"));
            assertEquals("soc", r.header("X-Team"));
        }
        Duration afterRetryAfter =
                Duration.between(attempts.get(1).at(), attempts.get(2).at());
        assertTrue(
                afterRetryAfter.compareTo(Duration.ofMillis(950)) >= 0,
                "Retry-After: 1 honoured, waited " + afterRetryAfter);
    }

    @Test
    @Order(3)
    void theLastFailedAttemptLeavesADeadLetterAndARefusalIsDeadAtOnce() {
        writer.upsert(alert("dead-1", "HIGH", "web-01"));
        writer.upsert(alert("refused-1", "HIGH", "web-01"));
        JsonNode dead =
                awaitNotification("dead-1", n -> n.path("status").asText().equals("dead"), Duration.ofSeconds(20));
        assertEquals(4, dead.path("attempts").asInt(), dead.toString());
        assertEquals("no success after 4 attempts", dead.path("reason").asText());
        assertTrue(dead.path("last_error").asText().contains("ConnectException"), dead.toString());
        assertFalse(dead.toString().contains("DEADSECRET"), dead.toString());

        JsonNode refused =
                awaitNotification("refused-1", n -> n.path("status").asText().equals("dead"), Duration.ofSeconds(10));
        assertEquals(1, refused.path("attempts").asInt());
        assertEquals("refused by the receiver", refused.path("reason").asText());
        assertEquals("HTTP 400: failure 400", refused.path("last_error").asText());
        assertEquals(1, receiver.requests("/refused").size());

        Reply deadLetters = get(TestUsers.ADMIN, "/notifications?status=dead");
        assertEquals(
                Set.of("dead-hook:dead-1", "refused-hook:refused-1"),
                Set.of(
                        deadLetters.json().path("items").path(0).path("id").asText(),
                        deadLetters.json().path("items").path(1).path("id").asText()));
        assertEquals(2, deadLetters.json().path("total").asInt());
    }

    @Test
    @Order(4)
    void theRateLimitDelaysButLosesNothing() {
        for (int i = 1; i <= 5; i++) {
            writer.upsert(alert("rate-" + i, "HIGH", "web-01"));
        }
        List<Received> sent = receiver.await("/rate", 5, Duration.ofSeconds(20));
        assertEquals(Set.of("rate-1", "rate-2", "rate-3", "rate-4", "rate-5"), ids(sent));
        for (int i = 0; i + 2 < sent.size(); i++) {
            Duration window = Duration.between(sent.get(i).at(), sent.get(i + 2).at());
            assertTrue(
                    window.compareTo(Duration.ofMillis(2800)) >= 0,
                    "3 requests within " + window + " (limit 2 per 3s)");
        }
    }

    @Test
    @Order(5)
    void aBurstBecomesOneSlackMessage() {
        for (int i = 1; i <= 6; i++) {
            writer.upsert(alert("burst-" + i, i % 2 == 0 ? "CRITICAL" : "HIGH", "web-0" + i));
        }
        receiver.await(SLACK_PATH, 1, Duration.ofSeconds(10));
        sleep(2000);
        List<Received> messages = receiver.requests(SLACK_PATH);
        assertEquals(1, messages.size(), "one message: " + messages);
        JsonNode message = json(messages.get(0).body());
        assertEquals(
                "6 new Vigil alerts: 3 CRITICAL, 3 HIGH", message.path("text").asText());
        assertEquals(6, message.path("attachments").size());
        assertEquals(
                Set.of("burst-1", "burst-2", "burst-3", "burst-4", "burst-5", "burst-6"),
                new HashSet<>(NotifyTestSupport.slackAlertIds(messages.get(0))));
        assertTrue(
                messages.get(0).body().contains("https://vigil.example.org/ui/alerts/burst-1|"),
                messages.get(0).body());
        JsonNode records =
                get(TestUsers.ADMIN, "/notifications?channel=team-slack").json();
        assertEquals(6, records.path("total").asInt());
        Set<String> messageIds = new HashSet<>();
        records.path("items").forEach(r -> {
            messageIds.add(r.path("message_id").asText());
            assertEquals(6, r.path("message_size").asInt());
            assertEquals("delivered", r.path("status").asText());
        });
        assertEquals(1, messageIds.size());
    }

    @Test
    @Order(6)
    void quietHoursHoldAllButWhatIsLetThrough() {
        writer.upsert(alert("quiet-1", "CRITICAL", "web-01"));
        writer.upsert(alert("quiet-2", "HIGH", "web-01"));
        receiver.await("/quiet", 1, Duration.ofSeconds(10));
        JsonNode held =
                awaitNotification("quiet-2", n -> n.path("status").asText().equals("pending"), Duration.ofSeconds(5));
        sleep(1000);
        assertEquals(Set.of("quiet-1"), ids(receiver.requests("/quiet")));
        Instant notBefore = Instant.parse(held.path("not_before").asText());
        assertTrue(
                notBefore.isAfter(Instant.now().plus(Duration.ofMinutes(30))),
                "held until the end of quiet hours: " + held);
    }

    @Test
    @Order(7)
    void anAlertAcknowledgedBeforeItsMessageLeftIsSkipped() {
        writer.upsert(alert("ack-1", "HIGH", "web-01"));
        awaitNotification("ack-1", n -> n.path("status").asText().equals("pending"), Duration.ofSeconds(5));
        Reply ack = patch(TestUsers.ANALYST, "/alerts/ack-1", Map.of("status", "acknowledged"));
        assertEquals(200, ack.status(), ack.body());
        JsonNode skipped =
                awaitNotification("ack-1", n -> n.path("status").asText().equals("skipped"), Duration.ofSeconds(10));
        assertEquals(
                "the alert was acknowledged before the notification went out",
                skipped.path("reason").asText());
        assertEquals(0, receiver.requests("/ack").size());
    }

    @Test
    @Order(8)
    void closingAnAlertResolvesItsPagerDutyIncident() {
        writer.upsert(alert("pd-1", "CRITICAL", "web-01"));
        receiver.await("/v2/enqueue", 1, Duration.ofSeconds(10));
        Reply closed = patch(TestUsers.ANALYST, "/alerts/pd-1", Map.of("status", "closed", "note", "contained"));
        assertEquals(200, closed.status(), closed.body());
        List<Received> events = receiver.await("/v2/enqueue", 2, Duration.ofSeconds(5));
        JsonNode trigger = json(events.get(0).body());
        JsonNode resolve = json(events.get(1).body());
        assertEquals("trigger", trigger.path("event_action").asText());
        assertEquals(PD_KEY, trigger.path("routing_key").asText());
        assertEquals("pd-1", trigger.path("dedup_key").asText());
        assertEquals("critical", trigger.path("payload").path("severity").asText());
        assertEquals("web", trigger.path("payload").path("group").asText(), "host group from the asset inventory");
        assertEquals(
                Map.of("routing_key", PD_KEY, "event_action", "resolve", "dedup_key", "pd-1"),
                JSON.convertValue(resolve, Map.class));
        // Reopened and closed again: no second page, no second resolve.
        for (String status : List.of("open", "closed")) {
            assertEquals(
                    200,
                    patch(TestUsers.ANALYST, "/alerts/pd-1", Map.of("status", status))
                            .status());
        }
        sleep(1500);
        assertEquals(2, receiver.requests("/v2/enqueue").size());
    }

    @Test
    @Order(9)
    void adminsSeeTheChannelsMaskedAndTheNotificationsPaged() {
        Reply channels = get(TestUsers.ADMIN, "/notifications/channels");
        assertEquals(200, channels.status(), channels.body());
        assertEquals(13, channels.json().path("total").asInt());
        for (String secret : List.of("SLACKSECRET77", PD_KEY, HMAC, "DEADSECRET", "/route", "/retry")) {
            assertFalse(channels.body().contains(secret), secret + " in " + channels.body());
        }
        JsonNode slack = channels.json().path("items").path(7);
        assertEquals("team-slack", slack.path("name").asText());
        assertEquals(
                "http://127.0.0.1:" + receiver.url("").replaceAll(".*:", "") + "/****",
                slack.path("target").path("url").asText());
        assertEquals("secret:slack_url", slack.path("target").path("url_from").asText());
        assertEquals("1s", slack.path("group").path("wait").asText());

        assertEquals(403, get(TestUsers.ANALYST, "/notifications/channels").status());
        assertEquals(403, get(TestUsers.ANALYST, "/notifications").status());
        get(TestUsers.ADMIN, "/notifications?status=resent").assertProblem(400);

        JsonNode first = get(TestUsers.ADMIN, "/notifications?size=2").json();
        assertEquals(2, first.path("items").size());
        String next = first.path("next").asText();
        assertNotNull(next);
        JsonNode second =
                get(TestUsers.ADMIN, "/notifications?size=2&after=" + next).json();
        assertEquals(2, second.path("page").asInt());
        assertFalse(second.path("items")
                .path(0)
                .path("id")
                .asText()
                .equals(first.path("items").path(0).path("id").asText()));
        // A host-limited admin sees only the notifications of their hosts.
        JsonNode scoped = get(TestUsers.WEB_ADMIN, "/notifications?size=500").json();
        scoped.path("items").forEach(n -> assertTrue(n.path("host").asText().startsWith("web-"), n.toString()));
        assertTrue(scoped.path("total").asInt()
                < get(TestUsers.ADMIN, "/notifications?size=1")
                        .json()
                        .path("total")
                        .asInt());
    }

    @Test
    @Order(9)
    void anAlertRaisedNowFromABacklogOfOldEventsNotifies() {
        // The job catches up on three-day-old events: the alert's times are event times, its write is now.
        Instant threeDaysAgo = Instant.now().minus(Duration.ofDays(3));
        writer.upsert(new JobAlert(
                "late-1",
                "late-rule",
                "t",
                "HIGH",
                List.of(),
                "web-01",
                5,
                threeDaysAgo,
                threeDaysAgo.plusSeconds(60),
                Map.of()));
        List<Received> sent = receiver.await("/late", 1, Duration.ofSeconds(10));
        assertEquals("late-1", json(sent.get(0).body()).path("id").asText());
    }

    @Test
    @Order(9)
    void eachChannelGetsProtectedValuesMaskedUnlessItIsConfiguredForClear() {
        ObjectNode extra = JSON.createObjectNode();
        extra.put("summary", "12 failed SSH logins from 203.0.113.7 (last as «user.name[0]» on web-01)");
        extra.putObject(ProtectedFields.OBJECT)
                .putArray(ProtectedFields.CIPHER + "user.name")
                .add(new FieldCipher(keys).encrypt("user.name", "alice-in-ops"));
        writer.upsert(alert("shown-1", "HIGH", "web-01"), extra);
        JsonNode masked =
                json(receiver.await("/masked", 1, Duration.ofSeconds(10)).get(0).body());
        JsonNode clear =
                json(receiver.await("/clear", 1, Duration.ofSeconds(10)).get(0).body());
        assertEquals(
                "12 failed SSH logins from 203.0.113.7 (last as " + ProtectedFields.MASK + " on web-01)",
                masked.path("summary").asText(),
                masked.toString());
        assertEquals(
                "12 failed SSH logins from 203.0.113.7 (last as alice-in-ops on web-01)",
                clear.path("summary").asText());
        for (JsonNode body : List.of(masked, clear)) {
            assertTrue(body.path(ProtectedFields.OBJECT).isMissingNode(), body.toString());
            assertFalse(body.toString().contains("v1:"), "no ciphertext leaves: " + body);
        }
        assertFalse(masked.toString().contains("alice-in-ops"), masked.toString());
        Reply channels = get(TestUsers.ADMIN, "/notifications/channels");
        assertTrue(channels.body().contains("\"protected_values\":\"clear\""), channels.body());
    }

    @Test
    @Order(10)
    void noSecretEverReachedTheLog() {
        List<String> lines = LOGS.lines();
        assertTrue(lines.stream().anyMatch(l -> l.contains("dead letter")), "the dead letters were logged");
        for (String secret :
                List.of("SLACKSECRET77", PD_KEY, HMAC, "DEADSECRET", receiver.url("/route"), receiver.url("/retry"))) {
            for (String line : lines) {
                assertFalse(line.contains(secret), "secret in the log: " + line);
            }
        }
        LOGS.close();
    }
}
