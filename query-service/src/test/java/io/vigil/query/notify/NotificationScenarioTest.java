package io.vigil.query.notify;

import static io.vigil.query.notify.NotifyTestSupport.json;
import static io.vigil.query.notify.NotifyTestSupport.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.vigil.query.ServiceTestSupport;
import io.vigil.query.testing.AlertWriter;
import io.vigil.query.testing.AlertWriter.JobAlert;
import io.vigil.query.testing.ElasticsearchProcessExtension;
import io.vigil.query.testing.EsSeeder;
import io.vigil.query.testing.FakeReceiver;
import io.vigil.query.testing.FakeReceiver.Received;
import io.vigil.query.testing.TestUsers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The "done when", on the real service and real Elasticsearch, with alerts written the
 * way the job writes them (partial-document upserts): a planted CRITICAL attack is one Slack
 * message and one PagerDuty trigger (plus one signed POST per alert to the environment's webhook);
 * closing it sends the resolve; a flapping rule makes no storm; receivers that are down for a while,
 * across a restart of the service, lose nothing and get nothing twice.
 *
 * <p>The service is started by hand (not {@code @MicronautTest}) so that it can be stopped and a
 * new one started against the same Elasticsearch data. Backoff is shortened so that "a while" is
 * seconds; {@link NotificationConfigTest#theDefaultRetriesOutlastAMinuteLongOutage} shows the
 * defaults cover a minute many times over.
 */
@ExtendWith(ElasticsearchProcessExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NotificationScenarioTest {
    private static final String PREFIX = "notifscenario";
    private static final String SLACK = "/services/T0/B0/SCENARIOSLACKSECRET";
    private static final String PD = "/v2/enqueue";
    private static final String HOOK = "/hooks/vigil-HOOKTOKEN";
    private static final String HOOK_SECRET = "scenario-hmac-secret";
    private static final String PD_KEY = "scenario-routing-key";

    private final FakeReceiver receiver = new FakeReceiver();
    private final HttpClient http = HttpClient.newHttpClient();
    private Path dataDir;
    private EsSeeder seeder;
    private AlertWriter writer;
    private EmbeddedServer server;

    @BeforeAll
    void start() throws IOException {
        dataDir = Files.createTempDirectory("vigil-notify-scenario-");
        TestUsers.writeAll(dataDir);
        NotifyTestSupport.writeChannels(
                dataDir, """
                channels:
                  - name: soc-slack
                    type: slack
                    url: secret:slack
                    route: {min_severity: HIGH}
                    group: {wait: 1s, max: 20}
                    rate_limit: {messages: 2, per: 10s}
                  - name: oncall
                    type: pagerduty
                    url: %s
                    routing_key: secret:pagerduty
                    route: {min_severity: CRITICAL}
                """.formatted(receiver.url(PD)), Map.of("slack", receiver.url(SLACK), "pagerduty", PD_KEY));
        seeder = new EsSeeder(ElasticsearchProcessExtension.url(), PREFIX).reset();
        writer = new AlertWriter(seeder);
        server = startService();
    }

    private EmbeddedServer startService() {
        Map<String, Object> p =
                new HashMap<>(ServiceTestSupport.serviceProperties(dataDir, ElasticsearchProcessExtension.url()));
        p.put("micronaut.server.port", -1);
        p.put("vigil.index-prefix", PREFIX);
        p.put("vigil.notifications.webhook-url", receiver.url(HOOK));
        p.put("vigil.notifications.webhook-secret", HOOK_SECRET);
        p.putAll(NotifyTestSupport.quickRetries(30));
        return ApplicationContext.run(EmbeddedServer.class, p, "test");
    }

    @AfterAll
    void stop() throws IOException {
        if (server != null) {
            server.getApplicationContext().close();
        }
        receiver.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    @Test
    @Order(1)
    void aPlantedCriticalAttackIsOneSlackMessageAndOnePagerDutyTrigger() {
        // The attack as the detection engine reports it: a CRITICAL brute force, and the HIGH login that followed.
        Instant t0 = Instant.now();
        JobAlert bruteForce = new JobAlert(
                "attack-brute-force",
                "ssh-brute-force",
                "SSH brute force",
                "CRITICAL",
                List.of("attack.t1110", "auth"),
                "web-01",
                12,
                t0,
                t0,
                Map.of());
        JobAlert login = new JobAlert(
                "attack-login",
                "login-after-brute-force",
                "Login after brute force",
                "HIGH",
                List.of("attack.t1078"),
                "web-01",
                1,
                t0,
                t0,
                Map.of());
        writer.upsert(bruteForce);
        writer.upsert(login);
        // The attack goes on: the job keeps updating the same alert (new count and last_seen).
        for (int i = 13; i <= 30; i++) {
            writer.upsert(bruteForce.withCount(i, Instant.now()));
            sleep(50);
        }
        receiver.await(SLACK, 1, Duration.ofSeconds(15));
        receiver.await(PD, 1, Duration.ofSeconds(15));
        receiver.await(HOOK, 2, Duration.ofSeconds(15));
        for (int i = 31; i <= 40; i++) {
            writer.upsert(bruteForce.withCount(i, Instant.now()));
        }
        sleep(2500);

        List<Received> slack = receiver.requests(SLACK);
        assertEquals(1, slack.size(), "one Slack message: " + slack);
        assertEquals(
                List.of("attack-brute-force", "attack-login"), sorted(NotifyTestSupport.slackAlertIds(slack.get(0))));
        assertEquals(
                "2 new Vigil alerts: 1 CRITICAL, 1 HIGH",
                json(slack.get(0).body()).path("text").asText());

        List<Received> pd = receiver.requests(PD);
        assertEquals(1, pd.size(), "one PagerDuty event: " + pd);
        JsonNode trigger = json(pd.get(0).body());
        assertEquals("trigger", trigger.path("event_action").asText());
        assertEquals("attack-brute-force", trigger.path("dedup_key").asText());
        assertEquals(PD_KEY, trigger.path("routing_key").asText());
        assertEquals("critical", trigger.path("payload").path("severity").asText());

        List<Received> hook = receiver.requests(HOOK);
        assertEquals(2, hook.size(), "the environment's webhook: each alert of at least HIGH once");
        for (Received r : hook) {
            assertEquals(NotifyTestSupport.hmac(HOOK_SECRET, r.body()), r.header("X-Vigil-Signature-256"));
            assertEquals("open", json(r.body()).path("status").asText());
        }
        assertEquals(
                List.of("attack-brute-force", "attack-login"),
                sorted(hook.stream()
                        .map(r -> json(r.body()).path("id").asText())
                        .toList()));
    }

    @Test
    @Order(2)
    void closingTheAlertSendsTheResolve() throws Exception {
        String token = token(TestUsers.ANALYST);
        assertEquals(200, patch(token, "attack-brute-force", "closed"));
        List<Received> pd = receiver.await(PD, 2, Duration.ofSeconds(10));
        JsonNode resolve = json(pd.get(1).body());
        assertEquals("resolve", resolve.path("event_action").asText());
        assertEquals("attack-brute-force", resolve.path("dedup_key").asText());
        assertEquals(PD_KEY, resolve.path("routing_key").asText());
        // The analyst changes their mind twice: no second page, no second resolve.
        assertEquals(200, patch(token, "attack-brute-force", "open"));
        assertEquals(200, patch(token, "attack-brute-force", "closed"));
        sleep(1500);
        assertEquals(2, receiver.requests(PD).size());
        assertEquals(1, receiver.requests(SLACK).size());
        assertEquals(2, receiver.requests(HOOK).size());
    }

    @Test
    @Order(3)
    void aFlappingRuleMakesNoStorm() {
        // cpu-flap raises a new episode (a new alert id) every few hundred ms and updates each several times.
        List<String> flaps = new ArrayList<>();
        for (int episode = 1; episode <= 25; episode++) {
            String id = "flap-" + episode;
            flaps.add(id);
            JobAlert flap = new JobAlert(
                    id,
                    "cpu-flap",
                    "CPU over its limit",
                    "HIGH",
                    List.of("anomaly"),
                    "web-03",
                    1,
                    Instant.now(),
                    Instant.now(),
                    Map.of("host_group", "web"));
            for (int update = 1; update <= 4; update++) {
                writer.upsert(flap.withCount(update, Instant.now()));
            }
            sleep(100);
        }
        receiver.await(
                SLACK,
                m -> NotifyTestSupport.slackAlertIds(m).stream().anyMatch(id -> id.startsWith("flap-")),
                1,
                Duration.ofSeconds(15));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!new HashSet<>(NotifyTestSupport.slackAlertIds(receiver.requests(SLACK))).containsAll(flaps)) {
            assertTrue(
                    Instant.now().isBefore(deadline),
                    "every flap reaches Slack: " + NotifyTestSupport.slackAlertIds(receiver.requests(SLACK)));
            sleep(200);
        }
        sleep(1500);
        List<Received> slack = receiver.requests(SLACK);
        List<String> ids = NotifyTestSupport.slackAlertIds(slack);
        assertEquals(ids.size(), new HashSet<>(ids).size(), "no alert twice: " + ids);
        long flapMessages = slack.stream()
                .filter(m -> NotifyTestSupport.slackAlertIds(m).stream().anyMatch(id -> id.startsWith("flap-")))
                .count();
        assertTrue(flapMessages <= 3, "25 alerts with 100 updates in " + flapMessages + " Slack messages");
        assertRateLimit(slack, 2, Duration.ofSeconds(10));
        assertEquals(2, receiver.requests(PD).size(), "HIGH flaps never page");
        assertEquals(27, receiver.requests(HOOK).size(), "the webhook gets each alert once (CONTRACT.md)");
    }

    @Test
    @Order(4)
    void receiversDownForAWhileAcrossARestartLoseNothingAndRepeatNothing() throws Exception {
        Instant back = Instant.now().plus(Duration.ofSeconds(8));
        receiver.downUntil(SLACK, back).downUntil(PD, back).downUntil(HOOK, back);
        int slackBefore = receiver.requests(SLACK).size();
        writer.upsert(new JobAlert(
                "outage-1",
                "ransomware-note",
                "Ransom note written",
                "CRITICAL",
                List.of("attack.t1486"),
                "db-01",
                1,
                Instant.now(),
                Instant.now(),
                Map.of()));
        writer.upsert(AlertWriter.alert("outage-2", "sudo-root", "HIGH", "db-02"));
        receiver.await(SLACK, slackBefore + 1, Duration.ofSeconds(15)); // a failing attempt
        receiver.await(HOOK, r -> !r.succeeded(), 2, Duration.ofSeconds(10));

        // The service stops in the middle of the outage and a new one takes over the same data.
        server.getApplicationContext().close();
        writer.upsert(AlertWriter.alert("outage-3", "new-admin-user", "HIGH", "db-01")); // while no service runs
        server = startService();
        writer.upsert(AlertWriter.alert("outage-4", "port-scan", "HIGH", "db-03"));

        Set<String> outage = Set.of("outage-1", "outage-2", "outage-3", "outage-4");
        Instant deadline = back.plus(Duration.ofSeconds(20));
        while (!(delivered(SLACK).containsAll(outage)
                && webhookIds().containsAll(outage)
                && pdTriggers().contains("outage-1"))) {
            assertTrue(
                    Instant.now().isBefore(deadline),
                    "all delivered after the outage: slack " + delivered(SLACK) + ", webhook " + webhookIds()
                            + ", pagerduty " + pdTriggers());
            sleep(200);
        }
        sleep(2000);
        // Exactly once each, over the whole scenario, both service runs included.
        List<String> slackIds = NotifyTestSupport.slackAlertIds(succeeded(SLACK));
        assertEquals(slackIds.size(), new HashSet<>(slackIds).size(), "Slack: " + slackIds);
        assertEquals(31, slackIds.size(), "2 attack + 25 flaps + 4 outage alerts");
        List<String> hook = webhookIdsList();
        assertEquals(hook.size(), new HashSet<>(hook).size(), "webhook: " + hook);
        assertEquals(31, hook.size());
        assertEquals(List.of("attack-brute-force", "attack-brute-force:resolve", "outage-1"), pdEvents());
        assertEquals(0, deadLetters(), "nothing became a dead letter");
    }

    // --- what the receivers accepted (a request answered 503 was not delivered)

    private List<Received> succeeded(String path) {
        return receiver.requests(path).stream().filter(Received::succeeded).toList();
    }

    private Set<String> delivered(String path) {
        return new HashSet<>(NotifyTestSupport.slackAlertIds(succeeded(path)));
    }

    private Set<String> webhookIds() {
        return new HashSet<>(webhookIdsList());
    }

    private List<String> webhookIdsList() {
        return succeeded(HOOK).stream()
                .map(r -> json(r.body()).path("id").asText())
                .toList();
    }

    private Set<String> pdTriggers() {
        return new HashSet<>(pdEvents());
    }

    private List<String> pdEvents() {
        return succeeded(PD).stream()
                .map(r -> json(r.body()))
                .map(e -> e.path("dedup_key").asText()
                        + ("resolve".equals(e.path("event_action").asText()) ? ":resolve" : ""))
                .toList();
    }

    private int deadLetters() throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(base() + "/notifications?status=dead"))
                        .header("Authorization", "Bearer " + token(TestUsers.ADMIN))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return json(r.body()).path("total").asInt();
    }

    private static void assertRateLimit(List<Received> messages, int max, Duration per) {
        for (int i = 0; i + max < messages.size(); i++) {
            Duration span =
                    Duration.between(messages.get(i).at(), messages.get(i + max).at());
            assertTrue(span.compareTo(per.minusMillis(300)) >= 0, (max + 1) + " Slack messages within " + span);
        }
    }

    // --- the API, over HTTP

    private String base() {
        return "http://127.0.0.1:" + server.getPort();
    }

    private String token(TestUsers.TestUser user) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(base() + "/login"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"username\":\"" + user.name() + "\",\"password\":\"" + TestUsers.PASSWORD + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return json(r.body()).path("access_token").asText();
    }

    private int patch(String token, String alertId, String status) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(base() + "/alerts/" + alertId))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + token)
                        .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"status\":\"" + status + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode();
    }

    private static List<String> sorted(List<String> ids) {
        return ids.stream().sorted().toList();
    }
}
