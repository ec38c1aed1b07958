package io.vigil.query.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.exceptions.ConfigurationException;
import io.vigil.common.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The channels file, secrets, routing rules, quiet hours, rate limits and backoff, without a server. */
class NotificationConfigTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> ENV = Map.of(
            "VIGIL_SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T000/B000/XXXXSECRETXXXX",
            "SOAR_WEBHOOK_URL", "https://soar.example.org/hooks/vigil?token=SOARTOKEN123",
            "SOAR_HMAC_SECRET", "hmac-SECRET-42");

    @TempDir
    Path dir;

    private Channels load(String yaml) throws Exception {
        return load(yaml, new NotificationSettings());
    }

    private Channels load(String yaml, NotificationSettings settings) throws Exception {
        Path file = dir.resolve("notifications.yml");
        Files.writeString(file, yaml);
        return ChannelsFile.load(file, new Secrets(ENV::get, dir.resolve("secrets.yml")), settings);
    }

    private void writeSecrets(String yaml, String mode) throws Exception {
        Path secrets = dir.resolve("secrets.yml");
        Files.writeString(secrets, yaml);
        Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString(mode));
    }

    /** The example in query-service/README.md is a valid file: the documentation cannot drift from the parser. */
    @Test
    void theReadmeExampleLoads() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("```yaml\n# $VIGIL_DATA/notifications.yml");
        assertTrue(start >= 0, "README.md has the channels file example");
        String yaml = readme.substring(readme.indexOf('\n', start) + 1, readme.indexOf("```", start + 7));
        writeSecrets("pagerduty_oncall: R0UTING-KEY-SECRET\nsoar_token: Bearer SOAR-HEADER-SECRET\n", "rw-------");
        Files.writeString(dir.resolve("assets.yml"), "assets: []\n");
        Channels channels =
                load(yaml.replace("rules/assets.yml", dir.resolve("assets.yml").toString()));
        assertEquals(
                List.of("soc-slack", "oncall", "soar"),
                channels.list().stream().map(Channel::name).toList());
        Channel slack = channels.list().get(0);
        assertEquals(Severity.HIGH, slack.route().minSeverity());
        assertEquals(new Grouping(Duration.ofSeconds(10), 20), slack.grouping());
        assertEquals(new RateLimit(10, Duration.ofMinutes(1)), slack.rateLimit());
        assertEquals(LocalTime.of(22, 0), slack.quietHours().from());
        assertEquals(Severity.CRITICAL, slack.quietHours().letThrough());
        Channel pd = channels.list().get(1);
        assertEquals(
                ChannelsFile.DEFAULT_PAGERDUTY_URL,
                ((Target.PagerDuty) pd.target()).url().value());
        assertEquals(
                "R0UTING-KEY-SECRET",
                ((Target.PagerDuty) pd.target()).routingKey().value());
        Target.Webhook soar = (Target.Webhook) channels.list().get(2).target();
        assertEquals("hmac-SECRET-42", soar.hmacSecret().value());
        assertEquals("soc", soar.headers().get("X-Team").value());
        assertEquals(
                "Bearer SOAR-HEADER-SECRET", soar.headers().get("Authorization").value());
    }

    @Test
    void theChannelViewMasksEverySecretAndSaysWhereItComesFrom() throws Exception {
        writeSecrets("pd: R0UTING-KEY-SECRET\ntoken: Bearer SOAR-HEADER-SECRET\n", "rw-------");
        Channels channels = load("""
                channels:
                  - {name: s, type: slack, url: env:VIGIL_SLACK_WEBHOOK_URL}
                  - {name: p, type: pagerduty, routing_key: secret:pd}
                  - name: w
                    type: webhook
                    url: env:SOAR_WEBHOOK_URL
                    secret: env:SOAR_HMAC_SECRET
                    headers: {Authorization: secret:token, X-Team: soc}
                """);
        String shown = json(channels.list().stream().map(ChannelView::of).toList());
        for (String secret : List.of(
                "XXXXSECRETXXXX", "services", "R0UTING", "SOARTOKEN123", "hooks/vigil", "hmac-SECRET", "SOAR-HEADER")) {
            assertFalse(shown.contains(secret), secret + " shown in " + shown);
        }
        assertEquals(
                "{\"url\":\"https://hooks.slack.com/****\",\"url_from\":\"env:VIGIL_SLACK_WEBHOOK_URL\"}",
                json(ChannelView.of(channels.list().get(0)).target()));
        assertTrue(shown.contains("\"routing_key\":\"****\",\"routing_key_from\":\"secret:pd\""), shown);
        assertTrue(shown.contains("\"X-Team\":\"soc\""), shown);
        // Nothing else prints them either (records print their components).
        String printed = channels.list().toString();
        for (String secret : List.of(
                ENV.get("VIGIL_SLACK_WEBHOOK_URL"),
                ENV.get("SOAR_WEBHOOK_URL"),
                ENV.get("SOAR_HMAC_SECRET"),
                "R0UTING-KEY-SECRET",
                "SOAR-HEADER-SECRET")) {
            assertFalse(printed.contains(secret), printed);
        }
    }

    /**
     * The view was a map; as a record it must still show every key it showed, null and empty ones
     * included, and a target only its type's keys.
     */
    @Test
    void theChannelViewShowsTheSameKeysForEveryType() throws Exception {
        writeSecrets("pd: R0UTING-KEY-SECRET\n", "rw-------");
        Channels channels = load("""
                channels:
                  - name: s
                    type: slack
                    url: env:VIGIL_SLACK_WEBHOOK_URL
                    quiet_hours: {from: "22:00", to: "07:00", zone: Europe/Berlin}
                    group: {wait: 5s}
                  - {name: p, type: pagerduty, routing_key: secret:pd}
                  - {name: w, type: webhook, url: env:SOAR_WEBHOOK_URL, secret: env:SOAR_HMAC_SECRET}
                  - {name: u, type: webhook, url: env:SOAR_WEBHOOK_URL}
                """);
        List<String> top = List.of(
                "name",
                "type",
                "configured_in",
                "target",
                "route",
                "quiet_hours",
                "rate_limit",
                "group",
                "timeout",
                "protected_values");
        Map<String, List<String>> targets = Map.of(
                "s", List.of("url", "url_from"),
                "p", List.of("url", "url_from", "routing_key", "routing_key_from"),
                "w", List.of("url", "url_from", "secret", "secret_from", "headers", "signed"),
                "u", List.of("url", "url_from", "headers", "signed"));
        for (Channel channel : channels.list()) {
            JsonNode view = JSON.readTree(json(ChannelView.of(channel)));
            assertEquals(top, keys(view), view.toString());
            assertEquals(targets.get(channel.name()), keys(view.path("target")), view.toString());
            assertEquals(List.of("min_severity", "tags", "hosts", "host_groups", "rules"), keys(view.path("route")));
            assertTrue(view.path("route").path("tags").isArray(), view.toString());
            assertEquals(List.of("messages", "per"), keys(view.path("rate_limit")));
        }
        JsonNode slack = JSON.readTree(json(ChannelView.of(channels.list().get(0))));
        assertEquals(List.of("from", "to", "zone", "days", "let_through"), keys(slack.path("quiet_hours")));
        assertTrue(slack.path("quiet_hours").path("let_through").isNull(), slack.toString());
        assertEquals(List.of("wait", "max"), keys(slack.path("group")));
        JsonNode pagerDuty = JSON.readTree(json(ChannelView.of(channels.list().get(1))));
        assertTrue(pagerDuty.path("quiet_hours").isNull(), pagerDuty.toString());
        assertTrue(pagerDuty.path("group").isNull(), pagerDuty.toString());
    }

    /** As the API writes it (Micronaut serde, the records' own annotations). */
    private static String json(Object value) throws Exception {
        return io.micronaut.serde.ObjectMapper.getDefault().writeValueAsString(value);
    }

    private static List<String> keys(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void mistakesStopTheStartNamingTheSettingButNeverTheSecret() throws Exception {
        assertMessage("channels[0] (s): route: unknown setting 'min_severty'", """
                channels:
                  - {name: s, type: slack, url: env:VIGIL_SLACK_WEBHOOK_URL, route: {min_severty: HIGH}}""");
        assertMessage("channels[0] (s): url: expected env:NAME or secret:KEY", """
                channels:
                  - {name: s, type: slack, url: "https://hooks.slack.com/services/T/B/literal"}""");
        assertMessage("channels[0] (s): url: the environment variable NOPE_NOT_SET is not set", """
                channels:
                  - {name: s, type: slack, url: env:NOPE_NOT_SET}""");
        assertMessage("channels[0] (s): type: slack, pagerduty or webhook, got 'teams'", """
                channels:
                  - {name: s, type: teams, url: env:VIGIL_SLACK_WEBHOOK_URL}""");
        assertMessage("channels[0] (p): group: only Slack messages carry several alerts", """
                channels:
                  - {name: p, type: webhook, url: env:SOAR_WEBHOOK_URL, group: {wait: 5s}}""");
        assertMessage("channels[1] (s): url: not an http(s) URL (env:SOAR_HMAC_SECRET)", """
                channels:
                  - {name: ok, type: slack, url: env:VIGIL_SLACK_WEBHOOK_URL}
                  - {name: s, type: slack, url: env:SOAR_HMAC_SECRET}""");
        assertMessage("two channels are named 's'", """
                channels:
                  - {name: s, type: slack, url: env:VIGIL_SLACK_WEBHOOK_URL}
                  - {name: s, type: slack, url: env:VIGIL_SLACK_WEBHOOK_URL}""");
        assertMessage("quiet_hours.zone: not a time zone: 'Mars/Olympus'", """
                channels:
                  - {name: s, type: slack, url: env:VIGIL_SLACK_WEBHOOK_URL, quiet_hours: {from: "22:00", to: "07:00", zone: Mars/Olympus}}""");
        assertMessage(
                "rate_limit.per: 'soon' is not a duration (write a whole number and a unit: 500ms, 30s, 10m, 2h, 1d)",
                """
                channels:
                  - {name: s, type: slack, url: env:VIGIL_SLACK_WEBHOOK_URL, rate_limit: {messages: 5, per: soon}}""");
        assertMessage("headers.Authorization: expected env:NAME or secret:KEY", """
                channels:
                  - {name: w, type: webhook, url: env:SOAR_WEBHOOK_URL, headers: {Authorization: "Bearer literal-token"}}""");
        assertMessage("routing_key: not a setting of a slack channel", """
                channels:
                  - {name: s, type: slack, url: env:VIGIL_SLACK_WEBHOOK_URL, routing_key: env:SOAR_HMAC_SECRET}""");
    }

    /** A typo at any depth stops the start, naming the map it is in and what that map knows. */
    @Test
    void anUnknownKeyIsRefusedAtEveryLevelWithItsPath() throws Exception {
        assertMessage("notifications.yml: unknown setting 'chanels' (known: assets_file, channels)", """
                chanels: []""");
        assertMessage("notifications.yml: channels[0]: unknown setting 'rout' (known: group, headers, name, ", """
                channels:
                  - {name: s, type: slack, url: env:VIGIL_SLACK_WEBHOOK_URL, rout: {min_severity: LOW}}""");
        assertMessage(
                "notifications.yml: channels[0] (s): route: unknown setting 'min_severty'"
                        + " (known: host_groups, hosts, min_severity, rules, tags)",
                """
                channels:
                  - {name: s, type: slack, url: env:VIGIL_SLACK_WEBHOOK_URL, route: {min_severty: HIGH}}""");
        assertMessage(
                "channels[0] (s): quiet_hours: unknown setting 'let_trough' (known: days, from, let_through, to, zone)",
                """
                channels:
                  - {name: s, type: slack, url: env:VIGIL_SLACK_WEBHOOK_URL, quiet_hours: {from: "22:00", to: "07:00", let_trough: HIGH}}""");
        assertMessage("channels[0] (s): rate_limit: unknown setting 'burst' (known: messages, per)", """
                channels:
                  - {name: s, type: slack, url: env:VIGIL_SLACK_WEBHOOK_URL, rate_limit: {messages: 5, per: 1m, burst: 2}}""");
        assertMessage("channels[1] (t): group: unknown setting 'size' (known: max, wait)", """
                channels:
                  - {name: s, type: slack, url: env:VIGIL_SLACK_WEBHOOK_URL}
                  - {name: t, type: slack, url: env:VIGIL_SLACK_WEBHOOK_URL, group: {wait: 5s, size: 3}}""");
    }

    /** Only a whole number is a number: a quoted one, a fraction or a boolean is not read as one. */
    @Test
    void aValueOfTheWrongTypeIsRefusedWithItsPath() throws Exception {
        for (String messages : List.of("\"10\"", "2.5", "true", "0", "99999999999", "~", "[5]")) {
            assertMessage(
                    "channels[0] (s): rate_limit.messages: a whole number of at least 1", """
                    channels:
                      - {name: s, type: slack, url: env:VIGIL_SLACK_WEBHOOK_URL, rate_limit: {messages: %s, per: 1m}}""".formatted(messages));
        }
        assertMessage("channels[0] (s): group.max: a whole number of at least 1", """
                channels:
                  - {name: s, type: slack, url: env:VIGIL_SLACK_WEBHOOK_URL, group: {max: "5"}}""");
        assertMessage("channels[0]: name: expected a", """
                channels:
                  - {name: [s], type: slack, url: env:VIGIL_SLACK_WEBHOOK_URL}""");
        assertMessage("channels[0] (s): type: expected a", """
                channels:
                  - {name: s, type: {slack: true}, url: env:VIGIL_SLACK_WEBHOOK_URL}""");
        assertMessage("channels[0] (s): route.tags: expected a list of texts", """
                channels:
                  - {name: s, type: slack, url: env:VIGIL_SLACK_WEBHOOK_URL, route: {tags: [auth, {a: b}]}}""");
        assertMessage("channels[0] (s): route.rules: expected a list of texts", """
                channels:
                  - {name: s, type: slack, url: env:VIGIL_SLACK_WEBHOOK_URL, route: {rules: ["sudo-*", " "]}}""");
        assertMessage("channels[0] (s): protected_values: clear or masked, got 'true'", """
                channels:
                  - {name: s, type: slack, url: env:VIGIL_SLACK_WEBHOOK_URL, protected_values: true}""");
    }

    @Test
    void aListWhereAMapBelongsIsRefusedAndTheOtherWayRound() throws Exception {
        assertMessage("notifications.yml: expected a map", """
                - {name: s, type: slack, url: env:VIGIL_SLACK_WEBHOOK_URL}""");
        assertMessage("notifications.yml: channels: expected a list", """
                channels: {name: s, type: slack, url: env:VIGIL_SLACK_WEBHOOK_URL}""");
        assertMessage("notifications.yml: channels[0]: expected a map", """
                channels:
                  - [s, slack]""");
        for (String section : List.of("route", "quiet_hours", "rate_limit", "group")) {
            assertMessage("channels[0] (s): " + section + ": expected a map", """
                    channels:
                      - {name: s, type: slack, url: env:VIGIL_SLACK_WEBHOOK_URL, %s: [a, b]}""".formatted(section));
        }
        assertMessage("channels[0] (w): headers: expected a map of header: value", """
                channels:
                  - {name: w, type: webhook, url: env:SOAR_WEBHOOK_URL, headers: [X-Team, soc]}""");
        assertMessage("channels[0] (s): route.hosts: expected a list", """
                channels:
                  - {name: s, type: slack, url: env:VIGIL_SLACK_WEBHOOK_URL, route: {hosts: {web: 1}}}""");
    }

    /** Before the binding these loaded as a glob '' or 'null', or a header sent as "null": nothing meant that. */
    @Test
    void anEmptyOrNullEntryIsRefusedRatherThanReadAsText() throws Exception {
        for (String tags : List.of("''", "[~]", "[auth, '']")) {
            assertMessage("channels[0] (s): route.tags: expected a list of texts", """
                    channels:
                      - {name: s, type: slack, url: env:VIGIL_SLACK_WEBHOOK_URL, route: {tags: %s}}""".formatted(tags));
        }
        assertMessage("channels[0] (s): quiet_hours.days: expected a list of texts", """
                channels:
                  - {name: s, type: slack, url: env:VIGIL_SLACK_WEBHOOK_URL, quiet_hours: {from: "22:00", to: "07:00", days: [~]}}""");
        assertMessage("channels[0] (w): headers.X-Team: expected a text", """
                channels:
                  - {name: w, type: webhook, url: env:SOAR_WEBHOOK_URL, headers: {X-Team: ~}}""");
        assertMessage("channels[0] (w): headers.X-Team: expected a text", """
                channels:
                  - {name: w, type: webhook, url: env:SOAR_WEBHOOK_URL, headers: {X-Team: {a: b}}}""");
    }

    /** A single text stands for a list of one; a number where a text belongs is read as its text. */
    @Test
    void aSingleTextIsAListOfOneAndANumberIsReadAsText() throws Exception {
        Channels channels = load("""
                channels:
                  - name: s
                    type: slack
                    url: env:VIGIL_SLACK_WEBHOOK_URL
                    route: {tags: auth, hosts: "web-*"}
                    quiet_hours: {from: "22:00", to: "07:00", days: sat}
                  - {name: w, type: webhook, url: env:SOAR_WEBHOOK_URL, headers: {X-Team: 42}}
                """);
        Channel slack = channels.named("s").orElseThrow();
        assertEquals(List.of("auth"), slack.route().tags().globs());
        assertEquals(List.of("web-*"), slack.route().hosts().globs());
        assertEquals(Set.of(DayOfWeek.SATURDAY), slack.quietHours().days());
        Target.Webhook hook = (Target.Webhook) channels.named("w").orElseThrow().target();
        assertEquals("42", hook.headers().get("X-Team").value());
    }

    private void assertMessage(String expected, String yaml) {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> load(yaml));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        for (String secret : ENV.values()) {
            assertFalse(e.getMessage().contains(secret), e.getMessage());
        }
    }

    @Test
    void theSecretsFileMustBeTheOwnersAlone() throws Exception {
        writeSecrets("pd: R0UTING-KEY-SECRET\n", "rw-r--r--");
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> load("""
                channels:
                  - {name: p, type: pagerduty, routing_key: secret:pd}"""));
        assertTrue(e.getMessage().contains("must be readable by its owner only (chmod 600)"), e.getMessage());
        writeSecrets("other: x\n", "rw-------");
        e = assertThrows(ConfigurationException.class, () -> load("""
                channels:
                  - {name: p, type: pagerduty, routing_key: secret:pd}"""));
        assertTrue(e.getMessage().contains("has no key 'pd'"), e.getMessage());
    }

    @Test
    void theEnvironmentsWebhookIsAChannelOfItsOwn() throws Exception {
        NotificationSettings settings = new NotificationSettings();
        settings.setWebhookUrl("https://receiver.example.org/vigil/TOKEN9");
        settings.setWebhookMinSeverity("medium");
        settings.setWebhookSecret("hook-secret");
        Channels channels = load("", settings);
        Channel hook = channels.named("webhook").orElseThrow();
        assertEquals(Severity.MEDIUM, hook.route().minSeverity());
        assertEquals(
                "hook-secret", ((Target.Webhook) hook.target()).hmacSecret().value());
        assertEquals("environment", hook.origin());
        assertEquals("failed: ****", channels.redactor().redact("failed: https://receiver.example.org/vigil/TOKEN9"));
        assertEquals("POST **** refused", channels.redactor().redact("POST /vigil/TOKEN9 refused"));

        settings.setWebhookMinSeverity("urgent");
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> load("", settings));
        assertTrue(e.getMessage().contains("VIGIL_WEBHOOK_MIN_SEVERITY"), e.getMessage());
    }

    @Test
    void noFileAndNoWebhookMeansNoChannel() {
        Channels channels = ChannelsFile.load(
                dir.resolve("absent.yml"), new Secrets(ENV::get, dir.resolve("s.yml")), new NotificationSettings());
        assertTrue(channels.isEmpty());
    }

    @Test
    void routesNeedTheSeverityAndOneMatchOfEachListGiven() throws Exception {
        Route route = new Route(
                Severity.HIGH,
                GlobList.of(List.of("attack.t1110", "auth*")),
                GlobList.of(List.of("web-*")),
                GlobList.of(List.of("web", "edge")),
                GlobList.of(List.of()));
        AlertView web = NotificationFormatsTest.alert("a", "HIGH", "web-01", "t");
        assertTrue(route.matches(web, "web"));
        assertFalse(route.matches(NotificationFormatsTest.alert("a", "MEDIUM", "web-01", "t"), "web"), "severity");
        assertFalse(route.matches(NotificationFormatsTest.alert("a", "CRITICAL", "db-01", "t"), "web"), "host");
        assertFalse(route.matches(web, "data"), "host group");
        assertFalse(route.matches(web, null), "no host group");
        web.source().putArray("tags").add("recon");
        assertFalse(route.matches(web, "web"), "tags");
        web.source().putArray("tags").add("authentication");
        assertTrue(route.matches(web, "web"), "tag glob");
    }

    /** The inventory read from {@code file}, written with {@code yaml} first. */
    private static AssetGroups assetGroups(Path file, String yaml) throws IOException {
        Files.writeString(file, yaml);
        AssetGroups groups = new AssetGroups(file);
        groups.refresh();
        return groups;
    }

    @Test
    void assetInventoryGivesTheGroupOfAlertsWithoutOne(@TempDir Path assetsDir) throws Exception {
        Path file = assetsDir.resolve("assets.yml");
        AssetGroups groups = assetGroups(
                file, "assets:\n  - {hosts: [\"db-*\"], group: data}\n  - {hosts: [\"*\"], group: other}\n");
        AlertView own = NotificationFormatsTest.alert("a", "HIGH", "db-01", "t"); // context.host_group = web
        assertEquals("web", groups.groupOf(own), "the detector's own group first");
        own.source().remove("context");
        assertEquals("data", groups.groupOf(own));
        own.source().put("host", "mail-01");
        assertEquals("other", groups.groupOf(own));
    }

    /** As the job enriches: the first entry whose globs match decides, even one that names no group. */
    @Test
    void aHostsFirstMatchingEntryDecidesItsGroupAsInTheJob(@TempDir Path assetsDir) throws Exception {
        Path file = assetsDir.resolve("assets.yml");
        AssetGroups groups =
                assetGroups(file, "assets:\n  - {hosts: [\"db-*\"], owner: dba}\n  - {hosts: [\"*\"], group: other}\n");
        AlertView alert = NotificationFormatsTest.alert("a", "HIGH", "db-01", "t");
        alert.source().remove("context");
        assertNull(groups.groupOf(alert), "db-01's entry has no group, so its events carry none");
        alert.source().put("host", "mail-01");
        assertEquals("other", groups.groupOf(alert));
    }

    /** A file the job refuses is refused here too, and routing goes on with the last good inventory. */
    @Test
    void anInvalidInventoryEditKeepsTheLastGoodOne(@TempDir Path assetsDir) throws Exception {
        Path file = assetsDir.resolve("assets.yml");
        AssetGroups groups = assetGroups(file, "assets:\n  - {hosts: [\"db-*\"], group: data}\n");
        Files.writeString(file, "assets:\n  - {hosts: \"db-*\", group: data}\n  - {hosts: [\"web-*\"], group: web}\n");
        Files.setLastModifiedTime(
                file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        groups.refresh();
        AlertView alert = NotificationFormatsTest.alert("a", "HIGH", "db-01", "t");
        alert.source().remove("context");
        assertEquals("data", groups.groupOf(alert), "`hosts` must be a list: the edit is refused whole");
        alert.source().put("host", "web-01");
        assertNull(groups.groupOf(alert), "nothing of the refused edit applies");
    }

    @Test
    void quietHoursHoldUntilTheirEndAndCrossMidnight() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        QuietHours nights =
                new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0), berlin, Set.of(), Severity.CRITICAL);
        Instant lateEvening = Instant.parse("2026-11-26T22:30:00Z"); // 23:30 in Berlin
        assertEquals(Optional.of(Instant.parse("2026-11-27T06:00:00Z")), nights.endOfPeriodAt(lateEvening));
        Instant earlyMorning = Instant.parse("2026-11-27T04:00:00Z"); // 05:00
        assertEquals(Optional.of(Instant.parse("2026-11-27T06:00:00Z")), nights.endOfPeriodAt(earlyMorning));
        assertEquals(Optional.empty(), nights.endOfPeriodAt(Instant.parse("2026-11-27T12:00:00Z")));
        assertTrue(nights.holds(Severity.HIGH));
        assertFalse(nights.holds(Severity.CRITICAL));

        // Weekends only, by the day the period starts: Friday night is not, Saturday night is.
        QuietHours weekends = new QuietHours(
                LocalTime.of(20, 0),
                LocalTime.of(8, 0),
                ZoneId.of("UTC"),
                Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
                null);
        assertEquals(Optional.empty(), weekends.endOfPeriodAt(Instant.parse("2026-11-27T23:00:00Z"))); // Friday
        assertEquals(
                Optional.of(Instant.parse("2026-11-29T08:00:00Z")),
                weekends.endOfPeriodAt(Instant.parse("2026-11-28T23:00:00Z")));
        assertTrue(weekends.holds(Severity.CRITICAL), "without let_through everything waits");
    }

    @Test
    void rateLimiterSaysWhenTheWindowHasRoomAgain() {
        RateLimiter limiter = new RateLimiter(new RateLimit(2, Duration.ofSeconds(10)));
        Instant t0 = Instant.parse("2026-11-26T10:00:00Z");
        assertEquals(t0, limiter.nextFree(t0));
        limiter.record(t0);
        limiter.record(t0.plusSeconds(3));
        assertEquals(t0.plusSeconds(10), limiter.nextFree(t0.plusSeconds(4)));
        assertEquals(t0.plusSeconds(11), limiter.nextFree(t0.plusSeconds(11)));
        limiter.record(t0.plusSeconds(11));
        assertEquals(t0.plusSeconds(13), limiter.nextFree(t0.plusSeconds(12)));
    }

    @Test
    void backoffGrowsWithJitterAndHonoursRetryAfter() {
        Backoff low = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(5), Duration.ofHours(1), () -> 0.0);
        Backoff high = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(5), Duration.ofHours(1), () -> 0.999999);
        assertEquals(Duration.ofSeconds(1), low.after(1, null));
        assertEquals(Duration.ofMillis(1999), high.after(1, null));
        assertEquals(Duration.ofSeconds(8), low.after(4, null));
        assertEquals(Duration.ofSeconds(150), low.after(20, null), "capped at max, jitter above half of it");
        assertEquals(Duration.ofSeconds(30), low.after(1, Duration.ofSeconds(30)), "Retry-After is a floor");
        assertEquals(Duration.ofHours(1), low.after(1, Duration.ofHours(5)), "up to max-retry-after");
        assertEquals(Duration.ofSeconds(120), HttpDelivery.retryAfter("120", Instant.now()));
        Instant now = Instant.parse("2026-11-26T10:00:00Z");
        assertEquals(Duration.ofSeconds(90), HttpDelivery.retryAfter("Thu, 26 Nov 2026 10:01:30 GMT", now));
        assertNull(HttpDelivery.retryAfter("soon", now));
    }

    /**
     * "A receiver down for a minute loses nothing" with the shipped defaults: even with the jitter
     * at its lowest, the attempts before a dead letter span far more than a minute.
     */
    @Test
    void theDefaultRetriesOutlastAMinuteLongOutage() {
        NotificationSettings defaults = new NotificationSettings();
        Backoff unluckiest = new Backoff(
                defaults.getInitialBackoff(), defaults.getMaxBackoff(), defaults.getMaxRetryAfter(), () -> 0.0);
        Duration span = Duration.ZERO;
        for (int attempts = 1; attempts < defaults.getMaxAttempts(); attempts++) {
            span = span.plus(unluckiest.after(attempts, null));
        }
        assertTrue(span.compareTo(Duration.ofMinutes(5)) > 0, "retries span " + span);
    }
}
