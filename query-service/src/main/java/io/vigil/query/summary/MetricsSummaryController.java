package io.vigil.query.summary;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vigil.common.Indices;
import io.vigil.query.VigilConfig;
import io.vigil.query.es.Elasticsearch;
import io.vigil.query.search.HostScope;
import io.vigil.query.security.Roles;
import java.time.Instant;

/** {@code GET /metrics/summary}: CPU, memory and network over a range, with a series, from the rollups. */
@Controller("/metrics/summary")
@Secured({Roles.VIEWER, Roles.ANALYST, Roles.ADMIN})
@Tag(name = "metrics")
public class MetricsSummaryController {
    private final Elasticsearch elasticsearch;
    private final Indices indices;

    public MetricsSummaryController(Elasticsearch elasticsearch, VigilConfig config) {
        this.elasticsearch = elasticsearch;
        this.indices = config.indices();
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(
            operationId = "metricsSummary",
            summary = "Metrics summary",
            description = "Averages, maxima and a series over the 1m or 1h rollups; " + "never scans raw logs.")
    public Summary summary(
            @Parameter(description = "host name or glob; all visible hosts when absent") @Nullable @QueryValue
                    String host,
            @Parameter(description = "ISO-8601 or now-1h; default: an hour before 'to'") @Nullable @QueryValue
                    String from,
            @Parameter(description = "ISO-8601 or now; default now") @Nullable @QueryValue String to,
            @Parameter(description = "bucket of the series: 1m, 5m, 1h, 1d ...; default 1m up to 24 h, else 1h")
                    @Nullable
                    @QueryValue
                    String interval,
            Authentication authentication) {
        SummaryQuery query = SummaryQuery.parse(host, from, to, interval, HostScope.of(authentication), Instant.now());
        return query.toSummary(elasticsearch
                .search(indices.metrics(query.rollups()), query.searchBody(elasticsearch.mapper()))
                .orElse(null));
    }
}
