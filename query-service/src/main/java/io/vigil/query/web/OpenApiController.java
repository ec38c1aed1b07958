package io.vigil.query.web;

import io.micronaut.core.io.ResourceResolver;
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
 * The OpenAPI document (generated at compile time by micronaut-openapi into
 * META-INF/swagger/vigil.yml) at the short address {@code /openapi.yml}, and {@code /swagger-ui}
 * leading to the browsable page. Anonymous: the API's shape is no secret, its data is.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
public class OpenApiController {
    static final String SPEC = "classpath:META-INF/swagger/vigil.yml";
    static final MediaType YAML = MediaType.of("application/yaml");

    private final ResourceResolver resources;

    public OpenApiController(ResourceResolver resources) {
        this.resources = resources;
    }

    @Get("/openapi.yml")
    public HttpResponse<StreamedFile> spec() {
        URL spec = resources
                .getResource(SPEC)
                .orElseThrow(() -> new HttpStatusException(
                        HttpStatus.NOT_FOUND, "the OpenAPI document is not part of this build"));
        return HttpResponse.ok(new StreamedFile(spec)).contentType(YAML);
    }

    @Get("/swagger-ui")
    public HttpResponse<?> swaggerUi() {
        return HttpResponse.status(HttpStatus.FOUND).headers(h -> h.location(URI.create("/swagger-ui/index.html")));
    }
}
