package io.vigil.query.security;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.reader.TokenReader;
import io.vigil.query.stream.StreamTickets;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Reads a stream ticket ({@link StreamTickets}) from {@code ?access_token=} on the two stream
 * endpoints only: a browser's EventSource cannot send an Authorization header. Nothing else is
 * taken from a URL: a bearer token there is ignored (so the request is 401), because URLs end up
 * in proxy and access logs, browser history and the HTTPS redirect's {@code Location}; a ticket
 * found there later has been used or has expired.
 */
@Singleton
public class AccessTokenQueryReader implements TokenReader<HttpRequest<?>> {
    public static final String PARAMETER = "access_token";

    @Override
    public Optional<String> findToken(HttpRequest<?> request) {
        if (!isStream(request.getPath())) {
            return Optional.empty();
        }
        return request.getParameters().getFirst(PARAMETER).filter(StreamTickets::looksLikeTicket);
    }

    static boolean isStream(String path) {
        return path.equals("/logs/stream") || path.equals("/alerts/stream");
    }

    @Override
    public int getOrder() {
        // after the Authorization header reader: a header wins when both are sent
        return 100;
    }
}
