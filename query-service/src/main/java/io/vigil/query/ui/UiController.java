package io.vigil.query.ui;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.io.ResourceResolver;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;
import java.net.URL;

/**
 * The dashboard's entry points. Its files are served by Micronaut's static resources
 * ({@code /ui/**}, application.yml); this controller adds what they cannot do:
 * {@code /} and {@code /ui} redirect to {@code /ui/}, and every {@code /ui/...} path without a
 * file extension answers index.html, so that vue-router's history mode can own those URLs
 * (a reload of {@code /ui/alerts/42} shows the dashboard, not a 404). Paths with an extension
 * are never matched here and stay with the static resources (a missing asset is a real 404).
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden // the dashboard's pages, not part of the API
public class UiController {
    static final String UI = "/ui/";

    private final ResourceResolver resources;
    private final String location;

    public UiController(ResourceResolver resources, @Value("${vigil.ui-location}") String location) {
        this.resources = resources;
        this.location = location.endsWith("/") ? location : location + "/";
    }

    @Get
    public HttpResponse<?> root() {
        return toUi();
    }

    /** {@code /ui} and {@code /ui/}: Micronaut matches both here (it drops a trailing slash). */
    @Get("/ui")
    public HttpResponse<?> ui(HttpRequest<?> request) {
        return request.getPath().endsWith("/") ? index() : toUi();
    }

    /** A client-side route of the dashboard: any path below /ui/ with no dot in it. */
    @Get("/ui/{path:[^.]*}")
    public HttpResponse<?> route(String path) {
        return index();
    }

    private HttpResponse<?> index() {
        URL index = resources
                .getResource(location + "index.html")
                .orElseThrow(
                        () -> new HttpStatusException(HttpStatus.NOT_FOUND, "the dashboard is not part of this build"));
        return HttpResponse.ok(new StreamedFile(index))
                .contentType(MediaType.TEXT_HTML_TYPE)
                // index.html names the hashed asset files: always ask for the current one.
                .header(HttpHeaders.CACHE_CONTROL, "no-cache");
    }

    private static HttpResponse<?> toUi() {
        return HttpResponse.status(HttpStatus.FOUND).headers(h -> h.location(URI.create(UI)));
    }
}
