package io.vigil.query.es;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.micronaut.context.exceptions.ConfigurationException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.apache.http.HttpHost;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REST client against a real HTTPS server whose certificate comes from scripts/certs.sh (the
 * embedded Elasticsearch cannot do TLS): it verifies the server against VIGIL_ES_CA and sends the
 * configured credentials.
 */
class ElasticsearchAccessTest {
    private static final Path HOME =
            Path.of(System.getProperty("vigil.home", "..")).toAbsolutePath().normalize();

    @TempDir
    static Path dir;

    private static HttpsServer server;
    private static final AtomicReference<String> authorization = new AtomicReference<>();

    @BeforeAll
    static void startHttpsServer() throws Exception {
        Process certs = new ProcessBuilder(
                        "bash", HOME.resolve("scripts/certs.sh").toString(), dir.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(certs.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(certs.waitFor(60, TimeUnit.SECONDS) && certs.exitValue() == 0, output);

        char[] password =
                Files.readString(dir.resolve("server.p12.password")).trim().toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve("server.p12"))) {
            keys.load(in, password);
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, password);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", exchange -> {
            String header = exchange.getRequestHeaders().getFirst("Authorization");
            if (header == null) { // as Elasticsearch with security on: challenge, then the client authenticates
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"security\" charset=\"UTF-8\"");
                exchange.sendResponseHeaders(401, -1);
                exchange.close();
                return;
            }
            authorization.set(header);
            byte[] body = "{\"status\":\"green\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static RestClient client(ElasticsearchAccess access) {
        return access.apply(RestClient.builder(
                        new HttpHost("localhost", server.getAddress().getPort(), "https")))
                .build();
    }

    @Test
    void verifiesTheServerAgainstTheCaAndSendsTheCredentials() throws Exception {
        ElasticsearchAccess access = new ElasticsearchAccess(
                "vigil_query", "query-pass", dir.resolve("ca.crt").toString());
        try (RestClient client = client(access)) {
            authorization.set(null);
            Response response = client.performRequest(new Request("GET", "/_cluster/health"));
            assertEquals(200, response.getStatusLine().getStatusCode());
        }
        assertEquals(
                "Basic "
                        + Base64.getEncoder().encodeToString("vigil_query:query-pass".getBytes(StandardCharsets.UTF_8)),
                authorization.get());
    }

    @Test
    void withoutTheCaTheServerIsNotTrusted() throws Exception {
        try (RestClient client = client(new ElasticsearchAccess("", "", ""))) {
            Exception refused = assertThrows(Exception.class, () -> client.performRequest(new Request("GET", "/")));
            Throwable root = refused;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            assertInstanceOf(java.security.cert.CertPathBuilderException.class, root);
        }
    }

    @Test
    void aUsernameWithoutAPasswordIsAConfigurationError() {
        ConfigurationException e =
                assertThrows(ConfigurationException.class, () -> new ElasticsearchAccess("vigil_query", "", ""));
        assertTrue(e.getMessage().contains("VIGIL_ES_USERNAME and VIGIL_ES_PASSWORD"), e.getMessage());
    }

    @Test
    void anUnreadableCaIsAConfigurationErrorNamingTheVariable() {
        ConfigurationException e = assertThrows(
                ConfigurationException.class,
                () -> new ElasticsearchAccess("", "", dir.resolve("missing.crt").toString()));
        assertTrue(e.getMessage().contains("VIGIL_ES_CA"), e.getMessage());
    }
}
