package io.vigil.query.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.vigil.query.ServiceTestSupport;
import io.vigil.query.testing.AtOnce;
import io.vigil.query.testing.RawHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Password guessing is slowed per user name and locked per (user name, address) and per address
 * (small limits here). Each test is its own client, a loopback address of its own, so their
 * failures never add up; the server tells them apart by their real remote address.
 */
@MicronautTest
class LoginThrottleTest extends ServiceTestSupport {
    private static final long STEP_MS = 700;
    private static final int USER_LOCK_AFTER = 4;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of(
                "vigil.login.slow-down-after", "2",
                "vigil.login.delay-step", STEP_MS + "ms",
                "vigil.login.max-delay", STEP_MS + "ms",
                "vigil.login.user-lock-after", Integer.toString(USER_LOCK_AFTER),
                "vigil.login.address-lock-after", "12",
                "vigil.login.lock-duration", "3s",
                // room for the parallel guesses: what is tested there is that each is counted
                "vigil.login.max-concurrent-per-address", "32",
                "vigil.login.max-concurrent", "32");
    }

    private RawHttp.Answer loginFrom(String address, String user, String password) {
        return RawHttp.post(
                address,
                server.getPort(),
                "/login",
                "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
    }

    @Test
    void aUserIsSlowedThenLockedFromThatAddressEvenForTheRightPasswordThenFreedAgain() throws Exception {
        String me = "127.0.0.2";
        assertEquals(401, loginFrom(me, "admin", "wrong-1").status());
        assertEquals(401, loginFrom(me, "admin", "wrong-2").status());
        long start = System.nanoTime();
        assertEquals(401, loginFrom(me, "admin", "wrong-3").status());
        assertTrue((System.nanoTime() - start) / 1_000_000 >= STEP_MS, "the third failure waits");
        assertEquals(401, loginFrom(me, "admin", "wrong-4").status());

        RawHttp.Answer locked = loginFrom(me, "admin", ADMIN_PASSWORD);
        assertEquals(429, locked.status(), locked.body());
        assertTrue(locked.body().contains("try again"), locked.body());
        assertNotNull(locked.header("Retry-After"));
        assertTrue(Integer.parseInt(locked.header("Retry-After")) <= 3);

        Thread.sleep(3_200);
        assertEquals(200, loginFrom(me, "admin", ADMIN_PASSWORD).status(), "the lock ends");
    }

    @Test
    void aClientGuessingTheAdminPasswordDoesNotLockTheAdministratorOut() {
        String attacker = "127.0.0.3";
        for (int i = 0; i < USER_LOCK_AFTER; i++) {
            assertEquals(401, loginFrom(attacker, "admin", "guess-" + i).status());
        }
        assertEquals(429, loginFrom(attacker, "admin", ADMIN_PASSWORD).status(), "the guessing client is locked out");
        assertEquals(
                200,
                loginFrom("127.0.0.4", "admin", ADMIN_PASSWORD).status(),
                "the administrator, from another address, is not");
    }

    @Test
    void parallelGuessesAreEachCountedBeforeThePasswordIsChecked() throws Exception {
        String attacker = "127.0.0.5";
        int guesses = 16;
        List<Supplier<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < guesses; i++) {
            String guess = "parallel-" + i;
            calls.add(() -> loginFrom(attacker, "operator", guess).status());
        }
        List<Integer> statuses = AtOnce.call(calls);
        assertEquals(
                USER_LOCK_AFTER,
                statuses.stream().filter(s -> s == 401).count(),
                "only as many passwords were checked as the lock allows: " + statuses);
        assertEquals(
                guesses - USER_LOCK_AFTER,
                statuses.stream().filter(s -> s == 429).count(),
                statuses.toString());
    }

    @Test
    void anAddressTryingManyNamesIsLockedForAllOfThem() throws Exception {
        String me = "127.0.0.6";
        int status = 401;
        for (int i = 0; i < 12 && status == 401; i++) {
            status = loginFrom(me, "guess-" + i, "password-" + i).status();
        }
        // the 12th failure from this address locks it
        assertEquals(
                429,
                loginFrom(me, "admin", ADMIN_PASSWORD).status(),
                "a correct login from a locked address is refused too");
        assertEquals(200, loginFrom("127.0.0.7", "admin", ADMIN_PASSWORD).status(), "other addresses go on");
        Thread.sleep(3_200);
        assertEquals(200, loginFrom(me, "admin", ADMIN_PASSWORD).status());
    }

    @Test
    void theProblemDocumentOfALockNamesNoSecret() {
        String me = "127.0.0.8";
        for (int i = 0; i < USER_LOCK_AFTER; i++) {
            loginFrom(me, "nobody", "secret-guess-" + i);
        }
        RawHttp.Answer locked = loginFrom(me, "nobody", "secret-guess-x");
        assertEquals(429, locked.status());
        assertTrue(
                locked.header("Content-Type").startsWith("application/problem+json"),
                locked.headers().toString());
        assertFalse(locked.body().contains("secret-guess"), locked.body());
    }
}
