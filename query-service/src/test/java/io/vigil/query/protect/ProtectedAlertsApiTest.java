package io.vigil.query.protect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.vigil.common.protect.FieldCipher;
import io.vigil.common.protect.FieldKeys;
import io.vigil.common.protect.ProtectedFields;
import io.vigil.query.testing.DataDirKeys;
import io.vigil.query.testing.ElasticsearchTestSupport;
import io.vigil.query.testing.EsSeeder;
import io.vigil.query.testing.SseClient;
import io.vigil.query.testing.TestUsers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Alerts in the layout the job writes when protection.yml encrypts fields: the user names a rule
 * saw are markers in the summary, group key and context, with their ciphertexts in
 * {@code protected}. Analysts and admins see the names, viewers see masks, in the list, by id,
 * after a status change and in the stream; the ciphertexts never leave the service.
 */
@MicronautTest
class ProtectedAlertsApiTest extends ElasticsearchTestSupport {
    private static final Instant T = Instant.now().minus(Duration.ofMinutes(20));

    private EsSeeder seeder;
    private FieldKeys keys;

    @Override
    protected Map<String, String> moreProperties() {
        keys = DataDirKeys.createAndLoad(dataDir);
        return Map.of();
    }

    /** A password-spraying-like alert about alice and bob, as the job stores it. */
    ObjectNode alert(String id) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("rule_id", "sudo-root-non-admin")
                .put("title", "Sudo to root")
                .put("severity", "HIGH")
                .put(
                        "summary",
                        "«user.name[0]» ran '«process.command_line[0]»' as root on web-01 (also «user.name[1]»)")
                .put("host", "web-01")
                .put("group_key", "host=web-01 user.name=«user.name[0]»")
                .put("first_seen", T.toString())
                .put("last_seen", T.plusSeconds(5).toString())
                .put("count", 2)
                .put("status", "open");
        doc.putArray("hosts").add("web-01");
        doc.putArray("tags").add("attack.t1548");
        doc.putArray("event_ids").add("threat-logs-0-9");
        ObjectNode context = doc.putObject("context");
        context.putArray("values").add("«user.name[0]»").add("«user.name[1]»");
        FieldCipher cipher = new FieldCipher(keys);
        ObjectNode stored = doc.putObject(ProtectedFields.OBJECT);
        stored.putArray(ProtectedFields.CIPHER + "user.name")
                .add(cipher.encrypt("user.name", "alice"))
                .add(cipher.encrypt("user.name", "bob"));
        stored.putArray(ProtectedFields.CIPHER + "process.command_line")
                .add(cipher.encrypt("process.command_line", "cat /etc/shadow"));
        return doc;
    }

    @BeforeAll
    void seed() {
        seeder = resetIndices();
        seeder.bulk(List.of(
                new EsSeeder.Doc(seeder.indices().alerts(), "p-1", alert("p-1")),
                new EsSeeder.Doc(seeder.indices().alerts(), "p-2", alert("p-2"))));
        seeder.refresh();
    }

    private static void assertClear(JsonNode alert) {
        assertEquals(
                "alice ran 'cat /etc/shadow' as root on web-01 (also bob)",
                alert.path("summary").asText(),
                alert.toString());
        assertEquals("host=web-01 user.name=alice", alert.path("group_key").asText());
        assertEquals("[\"alice\",\"bob\"]", alert.path("context").path("values").toString());
        assertNothingOfTheProtectionLayer(alert);
    }

    private static void assertMasked(JsonNode alert) {
        String m = ProtectedFields.MASK;
        assertEquals(
                m + " ran '" + m + "' as root on web-01 (also " + m + ")",
                alert.path("summary").asText(),
                alert.toString());
        assertEquals("host=web-01 user.name=" + m, alert.path("group_key").asText());
        assertFalse(
                alert.toString().contains("alice")
                        || alert.toString().contains("bob")
                        || alert.toString().contains("shadow"),
                alert.toString());
        assertNothingOfTheProtectionLayer(alert);
    }

    private static void assertNothingOfTheProtectionLayer(JsonNode alert) {
        assertTrue(alert.path(ProtectedFields.OBJECT).isMissingNode(), alert.toString());
        assertFalse(alert.toString().contains("v1:"), "no ciphertext: " + alert);
        assertFalse(alert.toString().contains("«"), "no marker left: " + alert);
    }

    @Test
    void analystsAndAdminsSeeTheNamesViewersSeeMasks() {
        assertClear(
                get(TestUsers.ANALYST, "/alerts?size=10").json().path("items").path(0));
        assertClear(get(TestUsers.ADMIN, "/alerts/p-1").json());
        assertMasked(
                get(TestUsers.VIEWER, "/alerts?size=10").json().path("items").path(0));
        assertMasked(get(TestUsers.VIEWER, "/alerts/p-1").json());
    }

    @Test
    void theAnswerToAStatusChangeFollowsTheSameRules() {
        Reply changed = patch(TestUsers.ANALYST, "/alerts/p-2", Map.of("status", "acknowledged"));
        assertEquals(200, changed.status(), changed.body());
        assertClear(changed.json());
    }

    @Test
    void theStreamFollowsTheSameRules() throws Exception {
        try (SseClient viewer = SseClient.open(
                        server.getURL() + "/alerts/stream",
                        Map.of("Authorization", "Bearer " + token(TestUsers.VIEWER)));
                SseClient analyst = SseClient.open(
                        server.getURL() + "/alerts/stream",
                        Map.of("Authorization", "Bearer " + token(TestUsers.ANALYST)))) {
            Thread.sleep(1500);
            seeder.bulk(List.of(new EsSeeder.Doc(seeder.indices().alerts(), "p-3", alert("p-3"))));
            seeder.refresh();
            SseClient.SseEvent masked = viewer.nextData(Duration.ofSeconds(20));
            SseClient.SseEvent clear = analyst.nextData(Duration.ofSeconds(20));
            assertNotNull(masked);
            assertNotNull(clear);
            assertMasked(JSON.readTree(masked.data()));
            assertClear(JSON.readTree(clear.data()));
        }
    }
}
