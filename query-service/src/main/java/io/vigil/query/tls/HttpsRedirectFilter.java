package io.vigil.query.tls;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.net.URI;

/**
 * With TLS on, the plain-HTTP port answers every request with a redirect to the same URL over
 * HTTPS (path and query kept: Micronaut's own redirect drops the query) and serves nothing else.
 * 301 for GET/HEAD; 308 otherwise, so a client repeats a POST as a POST.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Requires(property = "micronaut.server.ssl.enabled", value = "true")
public class HttpsRedirectFilter implements Ordered {
    private final int httpsPort;

    public HttpsRedirectFilter(@Value("${micronaut.server.ssl.port:8443}") int httpsPort) {
        this.httpsPort = httpsPort;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.before() - 1;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> redirect(HttpRequest<?> request) {
        if (request.isSecure()) {
            return null; // carry on
        }
        String host = request.getHeaders().get(HttpHeaders.HOST);
        host = host == null || host.isBlank() ? "localhost" : stripPort(host);
        String query = request.getUri().getRawQuery();
        URI target = URI.create("https://" + host + ":" + httpsPort
                + request.getUri().getRawPath() + (query == null ? "" : "?" + query));
        HttpMethod method = request.getMethod();
        HttpStatus status = method == HttpMethod.GET || method == HttpMethod.HEAD
                ? HttpStatus.MOVED_PERMANENTLY
                : HttpStatus.PERMANENT_REDIRECT;
        return HttpResponse.status(status).headers(h -> h.location(target));
    }

    private static String stripPort(String host) {
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end > 0 ? host.substring(0, end + 1) : host;
        }
        int colon = host.indexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }
}
