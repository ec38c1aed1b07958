package io.vigil.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.vigil.query.security.LoginThrottleConfig;
import io.vigil.query.stream.StreamConfig;
import io.vigil.query.tls.TlsConfig;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The settings records as the server binds them with nothing set but application.yml: a default
 * lost in binding (a record component without one reads 0) would open no stream or admit no login.
 */
@MicronautTest
class SettingsDefaultsTest extends ServiceTestSupport {
    @Inject
    StreamConfig stream;

    @Inject
    LoginThrottleConfig login;

    @Inject
    TlsConfig tls;

    @Test
    void streamDefaults() {
        assertEquals(
                new StreamConfig(
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(3),
                        Duration.ofSeconds(15),
                        100,
                        10,
                        Duration.ofSeconds(30),
                        500),
                stream);
    }

    @Test
    void loginDefaults() {
        assertEquals(
                new LoginThrottleConfig(
                        Duration.ofMinutes(15),
                        3,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(5),
                        10,
                        30,
                        Duration.ofMinutes(15),
                        4,
                        2,
                        Duration.ofSeconds(2)),
                login);
    }

    @Test
    void tlsDefaults() {
        assertNull(tls.certOrNull());
        assertNull(tls.keyOrNull());
        assertEquals(31_536_000, tls.hstsMaxAge());
    }
}
