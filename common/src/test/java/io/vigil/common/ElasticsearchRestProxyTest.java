package io.vigil.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ElasticsearchRest} behind a proxy that is not Elasticsearch (what a real node never
 * answers; the node's own answers are in ElasticsearchRestITCase): the authorization reaches it,
 * and its pages are quoted, shortened, without the authorization.
 */
class ElasticsearchRestProxyTest {
    private static final String AUTHORIZATION = "Basic dmlnaWw6c2VjcmV0";

    private final List<String> authorizations = new ArrayList<>();
    private HttpServer proxy;
    private String url;

    @BeforeEach
    void start() throws IOException {
        proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        proxy.createContext("/", exchange -> {
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.getRequestBody().readAllBytes();
            int status = exchange.getRequestURI().getPath().equals("/ok") ? 200 : 502;
            byte[] page = ("<html>" + "bad gateway ".repeat(100) + "</html>").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        proxy.start();
        url = "http://127.0.0.1:" + proxy.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        proxy.stop(0);
    }

    @Test
    void aProxysErrorPageIsQuotedShortWithoutTheAuthorization() {
        ElasticsearchRest es = new ElasticsearchRest(url, AUTHORIZATION, Duration.ofSeconds(10));

        assertThatThrownBy(() -> es.post("/logs/_search", "{}"))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("POST " + url + "/logs/_search: HTTP 502 <html>bad gateway ")
                .hasMessageEndingWith("...")
                .hasMessageNotContaining(AUTHORIZATION);
        assertThat(authorizations).containsExactly(AUTHORIZATION);
    }

    @Test
    void aPageWhereJsonWasExpectedIsAnErrorEvenWithStatus200() {
        ElasticsearchRest es = new ElasticsearchRest(url, null, Duration.ofSeconds(10));

        assertThatThrownBy(() -> es.bulk("/ok", "{}\n"))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("POST " + url + "/ok: the answer is not JSON: <html>bad gateway ");
        assertThat(authorizations).as("no header without an authorization").containsExactly((String) null);
    }
}
