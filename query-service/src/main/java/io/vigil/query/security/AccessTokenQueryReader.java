package io.vigil.query.security;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.reader.TokenReader;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Reads the bearer token from {@code ?access_token=} on the two stream endpoints only: a browser's
 * EventSource cannot send an Authorization header. Everywhere else a token in the URL is ignored
 * (URLs end up in logs and browser history), so it cannot be used to read other endpoints.
 */
@Singleton
public class AccessTokenQueryReader implements TokenReader<HttpRequest<?>> {
    public static final String PARAMETER = "access_token";

    @Override
    public Optional<String> findToken(HttpRequest<?> request) {
        String path = request.getPath();
        if (!path.equals("/logs/stream") && !path.equals("/alerts/stream")) {
            return Optional.empty();
        }
        return request.getParameters().getFirst(PARAMETER).filter(token -> !token.isBlank());
    }

    @Override
    public int getOrder() {
        // after the Authorization header reader: a header wins when both are sent
        return 100;
    }
}
