package io.vigil.query.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.vigil.query.ServiceTestSupport;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code vigil user add} writes the file the running server reads: the new user can log in at once. */
@MicronautTest
class UserAdminCommandTest extends ServiceTestSupport {

    private record Run(int exit, String out, String err) {}

    private Run run(Map<String, String> env, String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = UserAdminCommand.run(
                args,
                env,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                null,
                new PrintWriter(out, true),
                new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    private Map<String, String> env(String password) {
        return Map.of(UserAdminCommand.DATA_ENV, dataDir.toString(), UserAdminCommand.PASSWORD_ENV, password);
    }

    @Test
    void addedUserLogsInWithRoleAndHosts() throws Exception {
        Run run = run(env("alice-password-1"), "", "add", "alice", "--role", "analyst", "--hosts", "web-*,db-01");

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("Added user 'alice'"), run.out());
        assertEquals(
                "rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve(UserStore.FILE_NAME))));
        assertFalse(Files.readString(dataDir.resolve(UserStore.FILE_NAME)).contains("alice-password-1"));

        String token = tokenFor("alice", "alice-password-1");
        Reply me = call(HttpRequest.GET("/me").bearerAuth(token));
        assertEquals(200, me.status(), me.body());
        assertEquals(List.of("analyst"), JSON.convertValue(me.json().path("roles"), List.class));
        assertEquals(List.of("web-*", "db-01"), JSON.convertValue(me.json().path("hosts"), List.class));
        // the admin created at start is still there
        tokenFor("admin", ADMIN_PASSWORD);
    }

    @Test
    void addingAgainUpdatesPasswordAndRole() {
        assertEquals(
                0,
                run(env("bob-password-1"), "", "add", "bob", "--role", "viewer").exit());
        tokenFor("bob", "bob-password-1");

        // No VIGIL_USER_PASSWORD: one line of stdin.
        Run update = run(
                Map.of(UserAdminCommand.DATA_ENV, dataDir.toString()),
                "bob-password-2\n",
                "add",
                "bob",
                "--role",
                "ADMIN");

        assertEquals(0, update.exit(), update.err());
        assertTrue(update.out().contains("Updated user 'bob'"), update.out());
        login("bob", "bob-password-1").assertProblem(401);
        String token = tokenFor("bob", "bob-password-2");
        Reply me = call(HttpRequest.GET("/me").bearerAuth(token));
        assertEquals(List.of("admin"), JSON.convertValue(me.json().path("roles"), List.class));
    }

    @Test
    void badInputExitsWith2AndAMessage() {
        Map<String, String> env = env("good-password");
        assertBadInput(run(env, "", "add", "carol", "--role", "superuser"), "role");
        assertBadInput(run(env, "", "add", "carol"), "--role");
        assertBadInput(run(env, "", "add", "carol smith", "--role", "viewer"), "user name");
        assertBadInput(run(env, "", "add", "carol", "--role", "viewer", "--hosts", "web 1"), "host");
        assertBadInput(run(env("short"), "", "add", "carol", "--role", "viewer"), "at least 12");
        assertBadInput(
                run(Map.of(UserAdminCommand.DATA_ENV, dataDir.toString()), "", "add", "carol", "--role", "viewer"),
                "password");
        assertBadInput(run(env, ""), "add");
        assertBadInput(run(env, "", "remove", "carol"), "remove");

        login("carol", "good-password").assertProblem(401);
    }

    private static void assertBadInput(Run run, String mentioned) {
        assertEquals(2, run.exit(), run.out() + run.err());
        assertTrue(run.err().contains(mentioned), run.err());
    }
}
