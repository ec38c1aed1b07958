package io.vigil.query.web;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What browsers are told about every answer, the dashboard's, the API's and the errors' alike:
 *
 * <ul>
 *   <li>{@code Content-Security-Policy}: the dashboard loads scripts, styles, images and API calls
 *       from this origin only (the Vite build has no inline script), nothing may frame it
 *       ({@code frame-ancestors 'none'}: no clickjacking of the alert buttons), no plugin, no
 *       {@code <base>}. JSON answers get {@code default-src 'none'}: opened as a page, they can load
 *       and run nothing. The Swagger UI page has one inline script of its own (micronaut-openapi's
 *       view), allowed by its SHA-256 and nothing wider.</li>
 *   <li>{@code X-Frame-Options: DENY}, the same for browsers without CSP level 2.</li>
 *   <li>{@code X-Content-Type-Options: nosniff}: a log line served as text is never run as script.</li>
 *   <li>{@code Referrer-Policy: no-referrer}: dashboard URLs (hosts, queries) never leave in a
 *       Referer header, e.g. when a user follows a link from an alert.</li>
 * </ul>
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class BrowserHeadersFilter implements Ordered {
    private static final Logger LOG = LoggerFactory.getLogger(BrowserHeadersFilter.class);
    private static final String SWAGGER_PAGE = "META-INF/swagger/views/swagger-ui/index.html";
    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL);

    /**
     * The dashboard (/ui/...): nothing inline, not even styles (Vue and ECharts set styles through
     * the CSSOM, which CSP allows; DashboardBrowserITCase runs every page under this policy and
     * fails on any console error, CSP violations included).
     */
    static final String DASHBOARD = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";
    /** Everything that is not a page: JSON, problem+json, SSE, the OpenAPI document. */
    static final String API = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private final String swagger;

    public BrowserHeadersFilter() {
        StringBuilder scripts = new StringBuilder("'self'");
        swaggerInlineScriptHashes()
                .forEach(hash -> scripts.append(" 'sha256-").append(hash).append('\''));
        this.swagger = "default-src 'self'; script-src " + scripts + "; style-src 'self' 'unsafe-inline'; "
                + "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
    }

    /** Outermost, so that answers made by inner filters (security's 401/403) get the headers too. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.before();
    }

    @ResponseFilter
    public void addHeaders(HttpRequest<?> request, MutableHttpResponse<?> response) {
        MutableHttpHeaders headers = response.getHeaders();
        headers.set("Content-Security-Policy", policyFor(request.getPath()));
        headers.set("X-Frame-Options", "DENY");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
    }

    String policyFor(String path) {
        if (path.equals("/ui") || path.startsWith("/ui/")) {
            return DASHBOARD;
        }
        if (path.startsWith("/swagger-ui")) {
            return swagger;
        }
        return API;
    }

    /** Base64 SHA-256 of each inline script of the Swagger UI page (CSP hash sources). */
    static List<String> swaggerInlineScriptHashes() {
        List<String> hashes = new ArrayList<>();
        try (InputStream in = BrowserHeadersFilter.class.getClassLoader().getResourceAsStream(SWAGGER_PAGE)) {
            if (in == null) {
                return hashes;
            }
            Matcher m = INLINE_SCRIPT.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            while (m.find()) {
                hashes.add(Base64.getEncoder()
                        .encodeToString(sha256.digest(m.group(1).getBytes(StandardCharsets.UTF_8))));
            }
        } catch (IOException | NoSuchAlgorithmException e) {
            LOG.warn("Swagger UI page unreadable, its inline script stays blocked: {}", e.toString());
        }
        return hashes;
    }
}
