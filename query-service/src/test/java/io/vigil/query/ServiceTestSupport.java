package io.vigil.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Runs the real server on a random port, with its own temporary data directory and
 * Elasticsearch pointed at a closed local port (tests of /logs against a real ES live in the
 * local-stack module).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ServiceTestSupport implements TestPropertyProvider {
    public static final String ADMIN_PASSWORD = "admin-secret-for-tests";
    protected static final ObjectMapper JSON = new ObjectMapper();

    protected final Path dataDir = createTempDir();
    protected final int closedPort = closedPort();

    @Inject
    @Client("/")
    protected HttpClient client;

    /** The running server, for clients of its own (streams, raw sockets) that need its URL or port. */
    @Inject
    protected EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = serviceProperties(dataDir, "http://127.0.0.1:" + closedPort);
        properties.put("micronaut.http.client.follow-redirects", "false");
        properties.putAll(extraProperties());
        return properties;
    }

    /**
     * What every test's server runs with: its data directory, its Elasticsearch, the admin password
     * {@link #ADMIN_PASSWORD}, a JWT secret of its own start, the test UI. A map to add to.
     */
    public static Map<String, String> serviceProperties(Path dataDir, String esUrl) {
        Map<String, String> properties = new HashMap<>();
        properties.put("vigil.data", dataDir.toString());
        properties.put("vigil.es-url", esUrl);
        properties.put("vigil.admin-password", ADMIN_PASSWORD);
        properties.put("vigil.jwt-secret", "");
        properties.put("vigil.ui-location", "classpath:test-ui");
        return properties;
    }

    protected Map<String, String> extraProperties() {
        return Map.of();
    }

    @AfterAll
    void deleteDataDir() throws IOException {
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** A response of any status, with its body as text and (when JSON) parsed. */
    public record Reply(int status, HttpHeaders headers, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        public String contentType() {
            return headers.get(HttpHeaders.CONTENT_TYPE);
        }

        /** Asserts an RFC 7807 problem document with this status, and returns it. */
        public JsonNode assertProblem(int expectedStatus) {
            assertEquals(expectedStatus, status, () -> "status; body: " + body);
            assertTrue(
                    contentType() != null && contentType().startsWith(MediaType.APPLICATION_JSON_PROBLEM),
                    () -> "content type " + contentType());
            JsonNode problem = json();
            assertEquals(expectedStatus, problem.path("status").asInt(), body);
            assertFalse(problem.path("title").asText().isEmpty(), body);
            assertFalse(problem.path("detail").asText().isEmpty(), body);
            return problem;
        }
    }

    protected Reply call(HttpRequest<?> request) {
        try {
            HttpResponse<String> response = client.toBlocking().exchange(request, Argument.STRING, Argument.STRING);
            return new Reply(
                    response.code(),
                    response.getHeaders(),
                    response.getBody(String.class).orElse(""));
        } catch (HttpClientResponseException e) {
            HttpResponse<?> response = e.getResponse();
            return new Reply(
                    response.code(),
                    response.getHeaders(),
                    response.getBody(String.class).orElse(""));
        }
    }

    protected Reply login(String username, String password) {
        Map<String, String> body = new HashMap<>();
        body.put("username", username);
        body.put("password", password);
        return call(HttpRequest.POST("/login", body).contentType(MediaType.APPLICATION_JSON_TYPE));
    }

    protected String tokenFor(String username, String password) {
        Reply reply = login(username, password);
        assertEquals(200, reply.status(), reply.body());
        return reply.json().path("access_token").asText();
    }

    /** A single-use stream ticket ({@code POST /streams/tickets}) for the holder of this bearer token. */
    protected String streamTicket(String bearerToken) {
        Reply reply = call(HttpRequest.POST("/streams/tickets", "").bearerAuth(bearerToken));
        assertEquals(200, reply.status(), reply.body());
        return reply.json().path("ticket").asText();
    }

    /** {@code path} (with its query, if any) plus {@code access_token=} a fresh ticket: what a browser opens. */
    protected String withTicket(String path, String bearerToken) {
        return path + (path.contains("?") ? "&" : "?") + "access_token=" + streamTicket(bearerToken);
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("vigil-qs-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
