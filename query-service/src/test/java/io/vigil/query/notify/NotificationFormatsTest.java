package io.vigil.query.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** What each receiver gets: Slack blocks, PagerDuty Events v2, the generic webhook's body and signature. */
class NotificationFormatsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AlertLinks LINKS = new AlertLinks("https://vigil.example.org");

    static AlertView alert(String id, String severity, String host, String title) throws Exception {
        ObjectNode source = (ObjectNode) JSON.readTree("""
                {"rule_id":"ssh-brute-force","title":"TITLE","summary":"12 failed logins from 203.0.113.7",
                 "severity":"SEV","tags":["attack.t1110","auth"],"host":"HOST","group_key":"203.0.113.7",
                 "first_seen":"2026-11-26T10:00:00Z","last_seen":"2026-11-26T10:04:00Z","count":12,
                 "status":"open","event_ids":["threat-logs-0-1"],"context":{"host_group":"web"}}""");
        source.put("title", title).put("severity", severity).put("host", host);
        return new AlertView(id, source);
    }

    @Test
    void slackSingleAlertHasSeverityColourHostRuleCountAndLink() throws Exception {
        JsonNode m = SlackMessage.format(List.of(alert("a 1", "CRITICAL", "web-01", "SSH brute force")), LINKS, JSON);
        assertEquals(
                "[CRITICAL] SSH brute force on web-01 (12 events)",
                m.path("text").asText());
        JsonNode attachment = m.path("attachments").path(0);
        assertEquals("#d32f2f", attachment.path("color").asText());
        JsonNode blocks = attachment.path("blocks");
        assertEquals(
                "*<https://vigil.example.org/ui/alerts/a%201|SSH brute force>*\n12 failed logins from 203.0.113.7",
                blocks.path(0).path("text").path("text").asText());
        List<String> fields = blocks.path(1).path("fields").findValuesAsText("text");
        assertEquals(
                List.of("*Severity*\nCRITICAL", "*Host*\nweb-01", "*Rule*\n`ssh-brute-force`", "*Count*\n12"), fields);
        assertTrue(blocks.path(2).path("elements").path(0).path("text").asText().contains("attack.t1110, auth"));
        assertEquals(
                "https://vigil.example.org/ui/alerts/a%201",
                blocks.path(3).path("elements").path(0).path("url").asText());
        for (String severity : List.of("HIGH", "MEDIUM", "LOW")) {
            JsonNode other = SlackMessage.format(List.of(alert("x", severity, "h", "t")), LINKS, JSON);
            assertEquals(
                    SlackMessage.COLOURS.get(io.vigil.common.Severity.valueOf(severity)),
                    other.path("attachments").path(0).path("color").asText());
        }
    }

    @Test
    void slackTextFromAlertsCannotForgeLinksOrMentions() throws Exception {
        JsonNode m = SlackMessage.format(
                List.of(alert("a", "HIGH", "<!channel>", "x|<http://evil|click> & more")), LINKS, JSON);
        String all = m.toString();
        assertFalse(all.contains("<!channel>"), all);
        assertFalse(all.contains("<http://evil"), all);
        assertTrue(all.contains("&lt;!channel&gt;"), all);
        assertTrue(m.path("attachments")
                .path(0)
                .path("blocks")
                .path(0)
                .path("text")
                .path("text")
                .asText()
                .startsWith("*<https://vigil.example.org/ui/alerts/a|x¦&lt;http://evil¦click&gt; &amp; more>*"));
    }

    @Test
    void slackBurstIsOneMessageWithOneColouredLinePerAlert() throws Exception {
        List<AlertView> burst = List.of(
                alert("a1", "CRITICAL", "web-01", "One"),
                alert("a2", "HIGH", "web-02", "Two"),
                alert("a3", "HIGH", "db-01", "Three"));
        JsonNode m = SlackMessage.format(burst, LINKS, JSON);
        assertEquals("3 new Vigil alerts: 1 CRITICAL, 2 HIGH", m.path("text").asText());
        assertEquals(3, m.path("attachments").size());
        assertEquals("#f57c00", m.path("attachments").path(2).path("color").asText());
        assertTrue(m.path("attachments")
                .path(1)
                .path("blocks")
                .path(0)
                .path("text")
                .path("text")
                .asText()
                .contains("<https://vigil.example.org/ui/alerts/a2|Two>"));
        assertTrue(m.path("blocks").path(0).path("text").path("text").asText().startsWith("*3 new alerts*"));
    }

    @Test
    void pagerDutyTriggerAndResolveFollowEventsApiV2() throws Exception {
        JsonNode t = PagerDutyEvent.trigger(
                alert("alert-7", "CRITICAL", "web-01", "SSH brute force"), "R0UTINGKEY", "web", LINKS, JSON);
        assertEquals("R0UTINGKEY", t.path("routing_key").asText());
        assertEquals("trigger", t.path("event_action").asText());
        assertEquals("alert-7", t.path("dedup_key").asText());
        JsonNode p = t.path("payload");
        assertEquals(
                "[CRITICAL] SSH brute force on web-01 (12 events)",
                p.path("summary").asText());
        assertEquals("web-01", p.path("source").asText());
        assertEquals("critical", p.path("severity").asText());
        assertEquals("2026-11-26T10:00:00Z", p.path("timestamp").asText());
        assertEquals("ssh-brute-force", p.path("class").asText());
        assertEquals("web", p.path("group").asText());
        assertEquals(12, p.path("custom_details").path("count").asInt());
        assertEquals(
                "https://vigil.example.org/ui/alerts/alert-7",
                t.path("links").path(0).path("href").asText());
        assertEquals(
                List.of("critical", "error", "warning", "info"),
                List.of(
                        PagerDutyEvent.severity(io.vigil.common.Severity.CRITICAL),
                                PagerDutyEvent.severity(io.vigil.common.Severity.HIGH),
                        PagerDutyEvent.severity(io.vigil.common.Severity.MEDIUM),
                                PagerDutyEvent.severity(io.vigil.common.Severity.LOW)));

        JsonNode r = PagerDutyEvent.resolve("alert-7", "R0UTINGKEY", JSON);
        assertEquals(
                "{\"routing_key\":\"R0UTINGKEY\",\"event_action\":\"resolve\",\"dedup_key\":\"alert-7\"}",
                r.toString());
    }

    @Test
    void webhookBodyIsTheAlertAndTheSignatureIsHmacSha256OfTheBytes() throws Exception {
        AlertView a = alert("alert-9", "HIGH", "db-01", "Sudo to root");
        ObjectNode body = WebhookPayload.body(a, JSON);
        assertEquals("alert-9", body.path("id").asText());
        assertEquals("db-01", body.path("host").asText());
        assertEquals(12, body.path("count").asInt());
        assertEquals("open", body.path("status").asText());
        assertEquals("2026-11-26T10:04:00Z", body.path("last_seen").asText());
        byte[] bytes = JSON.writeValueAsBytes(body);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("s3cret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertEquals(
                "sha256=" + HexFormat.of().formatHex(mac.doFinal(bytes)), WebhookPayload.signature("s3cret", bytes));
    }
}
