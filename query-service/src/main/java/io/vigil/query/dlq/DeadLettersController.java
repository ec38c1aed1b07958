package io.vigil.query.dlq;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vigil.common.Fields;
import io.vigil.common.Indices;
import io.vigil.query.VigilConfig;
import io.vigil.query.es.Elasticsearch;
import io.vigil.query.params.TimeRange;
import io.vigil.query.search.Filters;
import io.vigil.query.search.HostScope;
import io.vigil.query.search.ListSearch;
import io.vigil.query.search.Page;
import io.vigil.query.search.PageRequest;
import io.vigil.query.search.SortSpec;
import io.vigil.query.security.Roles;
import java.time.Instant;

/**
 * {@code GET /dlq} (admins): records the job rejected, newest first, with reason, origin and raw
 * bytes. A dead letter could not be parsed, so it has no trustworthy host: an admin limited to
 * some hosts sees none (the list is empty), since any of them may hold another host's data.
 */
@Controller("/dlq")
@Secured(Roles.ADMIN)
@Tag(name = "dead letters")
public class DeadLettersController {
    /** Rejection time, then the Kafka position (the document id holds it, see DocumentIds). */
    static final SortSpec SORT =
            SortSpec.timeThenKafkaPosition(true, Fields.TIMESTAMP, Fields.DLQ_OFFSET, Fields.DLQ_PARTITION);

    private final Elasticsearch elasticsearch;
    private final Indices indices;

    public DeadLettersController(Elasticsearch elasticsearch, VigilConfig config) {
        this.elasticsearch = elasticsearch;
        this.indices = config.indices();
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(
            operationId = "listDeadLetters",
            summary = "Dead letters",
            description = "reason, topic, partition, offset, time (= timestamp), raw, "
                    + "raw_encoding (utf-8, or base64 when the bytes were not UTF-8; +truncated past 64 KiB).")
    public Page<DeadLetterItem> list(
            @Parameter(description = "ISO-8601 or now-1d") @Nullable @QueryValue String from,
            @Parameter(description = "ISO-8601 or now") @Nullable @QueryValue String to,
            @RequestBean PageRequest pageRequest,
            Authentication authentication) {
        TimeRange range = TimeRange.parse(from, to, Instant.now());
        Filters filters = new Filters(elasticsearch.mapper()).range(Fields.TIMESTAMP, range.from(), range.to());
        if (HostScope.of(authentication).isLimited()) {
            filters.none();
        }
        return ListSearch.of(filters, SORT, pageRequest)
                .run(elasticsearch, indices.deadLetters())
                .map(DeadLetterItem::of);
    }
}
