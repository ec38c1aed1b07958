package io.vigil.query.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.vigil.query.ServiceTestSupport;
import org.junit.jupiter.api.Test;

/** Dashboard routing, over a small fixture (classpath:test-ui) so it runs with or without the real build. */
@MicronautTest
class UiTest extends ServiceTestSupport {

    @Test
    void rootAndUiRedirectToUiSlash() {
        for (String path : new String[] {"/", "/ui"}) {
            Reply reply = call(HttpRequest.GET(path));
            assertEquals(302, reply.status(), path);
            assertEquals("/ui/", reply.headers().get(HttpHeaders.LOCATION), path);
        }
    }

    @Test
    void uiSlashServesIndexHtmlWithoutAToken() {
        Reply reply = call(HttpRequest.GET("/ui/"));

        assertEquals(200, reply.status());
        assertTrue(reply.contentType().startsWith("text/html"), reply.contentType());
        assertTrue(reply.body().contains("vigil-test-ui"), reply.body());
    }

    @Test
    void clientSideRoutesServeIndexHtml() {
        for (String path : new String[] {"/ui/logs", "/ui/alerts/42", "/ui/alerts/42/"}) {
            Reply reply = call(HttpRequest.GET(path));
            assertEquals(200, reply.status(), path);
            assertTrue(reply.body().contains("vigil-test-ui"), path);
        }
    }

    @Test
    void assetsAreServedAndMissingOnesAre404() {
        Reply asset = call(HttpRequest.GET("/ui/assets/app.js"));
        assertEquals(200, asset.status());
        assertTrue(asset.body().contains("vigil-test-asset"));

        call(HttpRequest.GET("/ui/assets/missing.js")).assertProblem(404);
    }
}
