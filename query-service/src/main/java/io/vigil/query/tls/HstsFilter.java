package io.vigil.query.tls;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * {@code Strict-Transport-Security} on every answer given over TLS, so a browser that once reached
 * the service over HTTPS never falls back to plain HTTP (RFC 6797: only sent over secure transport).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class HstsFilter implements Ordered {
    private final String value;

    public HstsFilter(TlsConfig tls) {
        this.value = "max-age=" + tls.hstsMaxAge();
    }

    /** Outermost, so that answers made by inner filters (security's 401/403) get the header too. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.before();
    }

    @ResponseFilter
    public void addHsts(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (request.isSecure()) {
            response.getHeaders().set("Strict-Transport-Security", value);
        }
    }
}
