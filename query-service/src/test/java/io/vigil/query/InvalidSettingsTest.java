package io.vigil.query;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.exceptions.DependencyInjectionException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.vigil.query.security.LoginThrottleConfig;
import io.vigil.query.stream.StreamConfig;
import io.vigil.query.tls.TlsConfig;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * A setting that cannot be read stops the bean that needs it, naming the setting: it never falls
 * back to a default quietly (a typo in a lock limit would otherwise leave logins unlimited by it).
 */
@MicronautTest
@Property(name = "vigil.stream.batch", value = "lots")
@Property(name = "vigil.login.max-concurrent", value = "")
@Property(name = "vigil.tls.hsts-max-age", value = "a year")
class InvalidSettingsTest extends ServiceTestSupport {
    @Inject
    ApplicationContext context;

    @Test
    void anUnreadableValueFailsInsteadOfTakingTheDefault() {
        assertFailsNaming(StreamConfig.class, "batch");
        assertFailsNaming(LoginThrottleConfig.class, "maxConcurrent");
        assertFailsNaming(TlsConfig.class, "hstsMaxAge");
    }

    private void assertFailsNaming(Class<?> settings, String parameter) {
        DependencyInjectionException e =
                assertThrows(DependencyInjectionException.class, () -> context.getBean(settings));
        assertTrue(e.getMessage().contains("[" + parameter + "]"), e.getMessage());
    }
}
