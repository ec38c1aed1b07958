package io.vigil.query.logs;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.vigil.common.Indices;
import io.vigil.query.VigilConfig;
import io.vigil.query.es.Elasticsearch;
import io.vigil.query.security.Claims;

/**
 * {@code GET /logs?host=&page=&size=}: stored logs and metric samples, newest first, from the
 * logs alias. Parameters arrive as text and are checked by {@link LogQuery}, so a bad value is a
 * 400 problem naming it. Further filters of CONTRACT.md come with later issues.
 */
@Controller("/logs")
@Secured(SecurityRule.IS_AUTHENTICATED)
public class LogsController {
    private final Elasticsearch elasticsearch;
    private final Indices indices;

    public LogsController(Elasticsearch elasticsearch, VigilConfig config) {
        this.elasticsearch = elasticsearch;
        this.indices = config.indices();
    }

    @Get
    @ExecuteOn(TaskExecutors.BLOCKING)
    public Page list(@Nullable @QueryValue String host,
                     @Nullable @QueryValue String page,
                     @Nullable @QueryValue String size,
                     Authentication authentication) {
        LogQuery query = LogQuery.parse(host, page, size, Claims.hosts(authentication));
        return elasticsearch.search(indices.logsAlias(), query.searchBody(elasticsearch.mapper()))
                .map(answer -> query.toPage(answer, elasticsearch.mapper()))
                .orElseGet(query::emptyPage);
    }
}
