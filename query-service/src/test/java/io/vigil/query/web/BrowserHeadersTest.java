package io.vigil.query.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.vigil.query.ServiceTestSupport;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every answer carries the browser headers: the dashboard, the API, its errors and the Swagger UI. */
@MicronautTest
class BrowserHeadersTest extends ServiceTestSupport {

    private static String directive(String policy, String name) {
        for (String part : policy.split(";")) {
            if (part.trim().startsWith(name + " ")) {
                return part.trim();
            }
        }
        return null;
    }

    private void assertCommonHeaders(String what, Reply reply) {
        String csp = reply.headers().get("Content-Security-Policy");
        assertNotNull(csp, what + ": no CSP");
        assertEquals("frame-ancestors 'none'", directive(csp, "frame-ancestors"), what);
        assertEquals("DENY", reply.headers().get("X-Frame-Options"), what);
        assertEquals("nosniff", reply.headers().get("X-Content-Type-Options"), what);
        assertEquals("no-referrer", reply.headers().get("Referrer-Policy"), what);
    }

    @Test
    void theDashboardMayRunOnlyItsOwnScripts() {
        Reply ui = call(HttpRequest.GET("/ui/"));
        assertEquals(200, ui.status());
        assertCommonHeaders("/ui/", ui);
        String csp = ui.headers().get("Content-Security-Policy");
        assertEquals("script-src 'self'", directive(csp, "script-src"));
        assertEquals("style-src 'self'", directive(csp, "style-src"));
        assertEquals("connect-src 'self'", directive(csp, "connect-src"));
        assertEquals("object-src 'none'", directive(csp, "object-src"));
        assertCommonHeaders("an asset", call(HttpRequest.GET("/ui/assets/app.js")));
    }

    @Test
    void apiAnswersAndErrorsMayRunNothing() {
        for (var request : List.of(
                HttpRequest.GET("/health"),
                HttpRequest.GET("/logs"),
                HttpRequest.GET("/openapi.yml"),
                HttpRequest.GET("/no/such/path"))) {
            Reply reply = call(request);
            assertCommonHeaders(request.getPath() + " (" + reply.status() + ")", reply);
            assertTrue(
                    reply.headers().get("Content-Security-Policy").startsWith("default-src 'none'"), request.getPath());
        }
        Reply login =
                call(HttpRequest.POST("/login", "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}")
                        .contentType("application/json"));
        assertEquals(200, login.status());
        assertCommonHeaders("POST /login", login);
    }

    @Test
    void swaggerUiRunsItsOneInlineScriptByHashAndNothingElseInline() throws Exception {
        Reply page = call(HttpRequest.GET("/swagger-ui/index.html"));
        assertEquals(200, page.status());
        assertCommonHeaders("/swagger-ui", page);
        String scripts = directive(page.headers().get("Content-Security-Policy"), "script-src");
        assertFalse(scripts.contains("'unsafe-inline'"), scripts);
        Matcher inline =
                Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL).matcher(page.body());
        assertTrue(inline.find(), "the page has its inline script");
        String hash = Base64.getEncoder()
                .encodeToString(MessageDigest.getInstance("SHA-256")
                        .digest(inline.group(1).getBytes(StandardCharsets.UTF_8)));
        assertTrue(scripts.contains("'sha256-" + hash + "'"), scripts);
    }
}
