package io.vigil.query;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.vigil.query.es.Elasticsearch;

/** {@code GET /health} (anonymous): 200 when Elasticsearch answers, else 503 problem+json. */
@Controller("/health")
@Secured(SecurityRule.IS_ANONYMOUS)
public class HealthController {
    private final Elasticsearch elasticsearch;

    public HealthController(Elasticsearch elasticsearch) {
        this.elasticsearch = elasticsearch;
    }

    @Serdeable
    public record Health(String status, String elasticsearch) {}

    @Get
    @ExecuteOn(TaskExecutors.BLOCKING)
    public Health health() {
        if (!elasticsearch.ping()) {
            throw new HttpStatusException(HttpStatus.SERVICE_UNAVAILABLE, "Elasticsearch is not reachable");
        }
        return new Health("UP", "UP");
    }
}
