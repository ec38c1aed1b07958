package io.vigil.query.protect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.vigil.common.protect.FieldCipher;
import io.vigil.common.protect.FieldKeys;
import io.vigil.common.protect.KeyedHash;
import io.vigil.common.protect.ProtectedFields;
import io.vigil.query.testing.DataDirKeys;
import io.vigil.query.testing.ElasticsearchTestSupport;
import io.vigil.query.testing.EsSeeder;
import io.vigil.query.testing.TestUsers;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Documents in the layout the job writes for encrypted fields ({@link ProtectedFields}), some
 * under a key that was rotated away since: exact search through the keyed hash, clear values for
 * admins and analysts, masks for viewers, and nothing of the protection layer in any answer.
 */
@MicronautTest
class ProtectedFieldsApiTest extends ElasticsearchTestSupport {
    private static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");

    @BeforeAll
    void seed() throws IOException {
        Path keysFile = DataDirKeys.create(dataDir);
        EsSeeder seeder = resetIndices();
        String index = seeder.indices().logsIndexFor(T0.toEpochMilli());

        ObjectNode underOldKey = sshd(FieldKeys.load(keysFile), "alice", 1);
        FieldKeys.rotate(keysFile);
        FieldKeys rotated = FieldKeys.load(keysFile);
        seeder.bulk(List.of(
                new EsSeeder.Doc(index, "t-0-1", underOldKey),
                new EsSeeder.Doc(index, "t-0-2", sshd(rotated, "alice", 2)),
                new EsSeeder.Doc(index, "t-0-3", sshd(rotated, "bob", 3)),
                new EsSeeder.Doc(index, "t-0-4", execve(rotated, List.of("curl", "-o", "/tmp/x")))));
        seeder.refresh();
        String raw = seeder.send("GET", "/" + prefix() + "-logs/_search", null).body();
        assertFalse(raw.contains("alice") || raw.contains("bob") || raw.contains("curl"), raw);
    }

    /** An sshd failure as the job stores it with user.name encrypted. */
    private static ObjectNode sshd(FieldKeys keys, String user, int n) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("timestamp", T0.plusSeconds(n).toString());
        doc.put("host", "bastion-01");
        doc.put("severity", "LOW");
        doc.put("kind", "event");
        doc.put("topic", "threat-logs");
        doc.put(
                "message",
                "Failed password for " + ProtectedFields.marker("user.name") + " from 203.0.113.9 port 4" + n
                        + " ssh2");
        ObjectNode stored = doc.putObject(ProtectedFields.OBJECT);
        stored.put(ProtectedFields.HASH + "user.name", new KeyedHash(keys).of(KeyedHash.FIELD_VALUES, user));
        stored.put(ProtectedFields.CIPHER + "user.name", new FieldCipher(keys).encrypt("user.name", user));
        doc.putObject("source").put("ip", "203.0.113.9");
        doc.putObject("kafka").put("partition", 0).put("offset", n);
        return doc;
    }

    /** An auditd EXECVE with its argv list encrypted element by element. */
    private static ObjectNode execve(FieldKeys keys, List<String> args) {
        ObjectNode doc = sshd(keys, "root", 4);
        doc.put(
                "message",
                "execve " + ProtectedFields.marker("process.args", 0) + " " + ProtectedFields.marker("process.args", 1)
                        + " " + ProtectedFields.marker("process.args", 2));
        ObjectNode stored = (ObjectNode) doc.get(ProtectedFields.OBJECT);
        var hashes = stored.putArray(ProtectedFields.HASH + "process.args");
        var ciphers = stored.putArray(ProtectedFields.CIPHER + "process.args");
        for (String arg : args) {
            hashes.add(new KeyedHash(keys).of(KeyedHash.FIELD_VALUES, arg));
            ciphers.add(new FieldCipher(keys).encrypt("process.args", arg));
        }
        return doc;
    }

    private JsonNode logs(TestUsers.TestUser user, String query) {
        return getJson(user, "/logs" + query);
    }

    @Test
    void exactSearchFindsEncryptedValuesUnderOldAndNewKeys() {
        JsonNode page = logs(TestUsers.ADMIN, "?field=user.name:alice");

        assertEquals(2, page.path("total").asLong(), page.toString());
        for (JsonNode item : page.path("items")) {
            assertEquals("alice", item.path("user").path("name").asText(), item.toString());
            assertTrue(item.path("message").asText().startsWith("Failed password for alice from"), item.toString());
            assertTrue(item.path(ProtectedFields.OBJECT).isMissingNode(), item.toString());
        }
        assertEquals(
                1, logs(TestUsers.ADMIN, "?field=user.name:bob").path("total").asLong());
        assertEquals(
                0,
                logs(TestUsers.ADMIN, "?field=user.name:mallory").path("total").asLong());
    }

    @Test
    void analystsSeeClearValuesViewersSeeMasks() {
        JsonNode analyst =
                logs(TestUsers.ANALYST, "?field=user.name:bob").path("items").path(0);
        assertEquals("bob", analyst.path("user").path("name").asText());

        JsonNode page = logs(TestUsers.VIEWER, "?q=failed&size=100");
        assertEquals(3, page.path("total").asLong(), page.toString());
        for (JsonNode item : page.path("items")) {
            assertEquals(ProtectedFields.MASK, item.path("user").path("name").asText(), item.toString());
            assertTrue(
                    item.path("message").asText().startsWith("Failed password for " + ProtectedFields.MASK + " from "),
                    item.toString());
            assertFalse(item.toString().contains("alice"), item.toString());
            assertTrue(item.path(ProtectedFields.OBJECT).isMissingNode(), item.toString());
        }
    }

    @Test
    void onlyTheClearRolesMaySearchAProtectedFieldByValue() {
        // A viewer's hit would confirm a guessed name they are shown masked.
        for (String query : List.of("?field=user.name:alice", "?field=user.name:mallory", "?field=process.args:-o")) {
            JsonNode problem = get(TestUsers.VIEWER, "/logs" + query).assertProblem(403);
            assertTrue(problem.path("detail").asText().contains("protected"), problem.toString());
        }
        assertEquals(
                2,
                logs(TestUsers.ANALYST, "?field=user.name:alice").path("total").asLong());
        // An unprotected field stays searchable for everyone.
        assertEquals(
                4,
                logs(TestUsers.VIEWER, "?field=source.ip:203.0.113.9")
                        .path("total")
                        .asLong());
    }

    @Test
    void oneLogByIdFollowsTheSameRules() {
        Reply admin = get(TestUsers.ADMIN, "/logs/t-0-1");
        Reply viewer = get(TestUsers.VIEWER, "/logs/t-0-1");

        assertEquals("alice", admin.json().path("user").path("name").asText(), admin.body());
        assertEquals(
                ProtectedFields.MASK, viewer.json().path("user").path("name").asText(), viewer.body());
        assertFalse(viewer.body().contains("cipher"), viewer.body());
    }

    @Test
    void listFieldsComeBackAsLists() {
        JsonNode admin =
                logs(TestUsers.ADMIN, "?field=process.args:-o").path("items").path(0);
        JsonNode viewer = logs(TestUsers.VIEWER, "?q=execve").path("items").path(0);

        assertEquals(
                "[\"curl\",\"-o\",\"/tmp/x\"]",
                admin.path("process").path("args").toString(),
                admin.toString());
        assertEquals("execve curl -o /tmp/x", admin.path("message").asText());
        assertEquals(3, viewer.path("process").path("args").size(), viewer.toString());
        viewer.path("process").path("args").forEach(arg -> assertEquals(ProtectedFields.MASK, arg.asText()));
        assertFalse(viewer.toString().contains("curl"), viewer.toString());
    }

    @Test
    void unknownFieldsAreA400NamingTheParameter() {
        Reply reply = get(TestUsers.ADMIN, "/logs?field=password:x");
        JsonNode problem = reply.assertProblem(400);
        assertTrue(problem.path("detail").asText().contains("'field'"), problem.toString());
        assertEquals(400, get(TestUsers.ADMIN, "/logs?field=user.name").status());
    }
}
