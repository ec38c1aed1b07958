package io.vigil.query.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** Logins at once are capped (bcrypt takes a core for ~250 ms): per address, and over all clients. */
@MicronautTest
class LoginConcurrencyTest extends ServiceTestSupport {
    @Override
    protected Map<String, String> extraProperties() {
        return Map.of(
                "vigil.login.max-concurrent-per-address",
                "2",
                "vigil.login.max-concurrent",
                "1",
                "vigil.login.concurrent-wait",
                "100ms");
    }

    private List<RawHttp.Answer> atOnce(List<String> addresses) {
        return AtOnce.call(addresses.stream()
                .<Supplier<RawHttp.Answer>>map(address -> () -> RawHttp.post(
                        address,
                        server.getPort(),
                        "/login",
                        "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}"))
                .toList());
    }

    @Test
    void oneAddressGetsAtMostItsShareOfLoginsAtOnce() throws Exception {
        List<RawHttp.Answer> answers = atOnce(List.of(
                "127.0.1.1",
                "127.0.1.1",
                "127.0.1.1",
                "127.0.1.1",
                "127.0.1.1",
                "127.0.1.1",
                "127.0.1.1",
                "127.0.1.1"));
        List<Integer> statuses = answers.stream().map(RawHttp.Answer::status).toList();
        assertTrue(statuses.contains(200), statuses.toString());
        assertTrue(
                statuses.stream().filter(s -> s == 200).count() <= 2,
                "at most two at once from one address: " + statuses);
        assertEquals(
                statuses.size(),
                statuses.stream().filter(s -> s == 200 || s == 429).count(),
                statuses.toString());
        answers.stream().filter(a -> a.status() == 429).forEach(a -> assertEquals("1", a.header("Retry-After")));
    }

    @Test
    void passwordChecksOverAllClientsAreCappedToo() throws Exception {
        List<String> addresses = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            addresses.add("127.0.2." + i);
        }
        List<Integer> statuses =
                atOnce(addresses).stream().map(RawHttp.Answer::status).toList();
        // One check at a time, each waiting at most 100 ms for its turn: not all eight can pass.
        assertTrue(statuses.contains(200), statuses.toString());
        assertTrue(statuses.contains(429), "some waited too long for a free slot: " + statuses);
    }
}
