package io.vigil.query.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.vigil.query.ServiceTestSupport;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Password guessing is slowed and then locked, per user name and per address (small limits here). */
@MicronautTest
class LoginThrottleTest extends ServiceTestSupport {
    private static final long STEP_MS = 700;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of(
                "vigil.login.slow-down-after", "2",
                "vigil.login.delay-step", STEP_MS + "ms",
                "vigil.login.max-delay", STEP_MS + "ms",
                "vigil.login.user-lock-after", "4",
                "vigil.login.address-lock-after", "12",
                "vigil.login.lock-duration", "3s");
    }

    @Test
    void aUserIsSlowedThenLockedEvenForTheRightPasswordThenFreedAgain() throws Exception {
        login("admin", "wrong-1").assertProblem(401);
        login("admin", "wrong-2").assertProblem(401);
        long start = System.nanoTime();
        login("admin", "wrong-3").assertProblem(401);
        assertTrue((System.nanoTime() - start) / 1_000_000 >= STEP_MS, "the third failure waits");
        login("admin", "wrong-4").assertProblem(401);

        Reply locked = login("admin", ADMIN_PASSWORD);
        JsonNode problem = locked.assertProblem(429);
        assertTrue(problem.path("detail").asText().contains("try again"), problem.toString());
        assertNotNull(locked.headers().get("Retry-After"));
        assertTrue(Integer.parseInt(locked.headers().get("Retry-After")) <= 3);

        Thread.sleep(3_200);
        assertEquals(200, login("admin", ADMIN_PASSWORD).status(), "the lock ends");
    }

    @Test
    void anAddressTryingManyNamesIsLockedForAllOfThem() throws Exception {
        int status = 401;
        for (int i = 0; i < 12 && status == 401; i++) {
            status = login("guess-" + i, "password-" + i).status();
        }
        // the 12th failure from this address locks it (fewer when the other test's failures count)
        int afterLock = login("admin", ADMIN_PASSWORD).status();
        assertEquals(429, afterLock, "a correct login from a locked address is refused too");
        Thread.sleep(3_200);
        assertEquals(200, login("admin", ADMIN_PASSWORD).status());
    }
}
