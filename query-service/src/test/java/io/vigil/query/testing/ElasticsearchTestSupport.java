package io.vigil.query.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.vigil.query.ServiceTestSupport;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real server against the real Elasticsearch node of {@link ElasticsearchProcessExtension},
 * reading the indices of {@link #prefix()}, with the {@link TestUsers} in its users file.
 */
@ExtendWith(ElasticsearchProcessExtension.class)
public abstract class ElasticsearchTestSupport extends ServiceTestSupport {
    /** Which test class derived each prefix, so that two never share one (they share the node). */
    private static final Map<String, Class<?>> PREFIX_OWNERS = new ConcurrentHashMap<>();

    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    /**
     * The index prefix this test class reads: its simple name in lower case, so each class has
     * indices of its own. Without a '-' in it, one class's {@code prefix-*} (templates, reset)
     * never matches another's indices, as {@code protected-*} would match {@code protected-api-*}.
     */
    protected String prefix() {
        String prefix = getClass().getSimpleName().toLowerCase(Locale.ROOT);
        Class<?> owner = PREFIX_OWNERS.putIfAbsent(prefix, getClass());
        if (owner != null && owner != getClass()) {
            throw new IllegalStateException(
                    "index prefix " + prefix + " of " + getClass().getName() + " is already " + owner.getName() + "'s");
        }
        return prefix;
    }

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> properties = new HashMap<>();
        properties.put("vigil.es-url", ElasticsearchProcessExtension.url());
        properties.put("vigil.index-prefix", prefix());
        properties.putAll(moreProperties());
        return properties;
    }

    protected Map<String, String> moreProperties() {
        return Map.of();
    }

    /** A seeder of this class's indices, emptied of a previous run's documents. */
    protected EsSeeder resetIndices() {
        return new EsSeeder(ElasticsearchProcessExtension.url(), prefix()).reset();
    }

    @BeforeAll
    void writeUsers() {
        TestUsers.writeAll(dataDir);
    }

    protected String token(TestUsers.TestUser user) {
        return tokens.computeIfAbsent(user.name(), name -> tokenFor(name, TestUsers.PASSWORD));
    }

    protected Reply get(TestUsers.TestUser user, String uri) {
        return call(HttpRequest.GET(uri).bearerAuth(token(user)));
    }

    /** {@code PATCH uri} with a JSON body (a map, or text sent as it is), as the user. */
    protected Reply patch(TestUsers.TestUser user, String uri, Object body) {
        return call(HttpRequest.PATCH(uri, body)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .bearerAuth(token(user)));
    }

    /** A GET that must answer 200: its body. */
    protected JsonNode getJson(TestUsers.TestUser user, String uri) {
        Reply reply = get(user, uri);
        assertEquals(200, reply.status(), reply.body());
        return reply.json();
    }
}
