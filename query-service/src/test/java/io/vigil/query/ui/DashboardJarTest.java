package io.vigil.query.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.vigil.query.ServiceTestSupport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The real dashboard (the vigil-dashboard jar) at /ui/, when it is on the classpath. */
@MicronautTest
class DashboardJarTest extends ServiceTestSupport {

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("vigil.ui-location", "classpath:ui");
    }

    @Test
    void uiSlashServesTheBuiltDashboard() throws IOException {
        String expected;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("ui/index.html")) {
            assumeTrue(in != null, "the vigil-dashboard jar is not on the classpath");
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        Reply reply = call(HttpRequest.GET("/ui/"));

        assertEquals(200, reply.status());
        assertEquals(expected, reply.body());
    }
}
