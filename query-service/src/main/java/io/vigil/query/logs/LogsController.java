package io.vigil.query.logs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vigil.common.Fields;
import io.vigil.common.Indices;
import io.vigil.common.MetricSummary;
import io.vigil.common.protect.ProtectedFields;
import io.vigil.query.VigilConfig;
import io.vigil.query.es.Elasticsearch;
import io.vigil.query.params.Params;
import io.vigil.query.protect.ProtectedFieldView;
import io.vigil.query.search.DocumentRecords;
import io.vigil.query.search.Filters;
import io.vigil.query.search.HostScope;
import io.vigil.query.search.ListSearch;
import io.vigil.query.search.Page;
import io.vigil.query.search.PageRequest;
import io.vigil.query.security.Roles;
import io.vigil.query.stream.LiveStreams;
import io.vigil.query.stream.StreamPoller;
import io.vigil.query.stream.StreamResume;
import io.vigil.query.stream.StreamSource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.reactivestreams.Publisher;

/**
 * {@code GET /logs}, {@code GET /logs/{id}} and {@code GET /logs/stream}: stored logs and metric
 * samples from the logs alias. Parameters arrive as text and are checked by {@link LogFilter} and
 * the paging classes, so a bad value is a 400 problem naming it.
 */
@Controller("/logs")
@Secured({Roles.VIEWER, Roles.ANALYST, Roles.ADMIN})
@Tag(name = "logs")
public class LogsController {
    private final Elasticsearch elasticsearch;
    private final Indices indices;
    private final LiveStreams streams;
    private final ProtectedFieldView protectedFields;
    private final NewestFirstSearch newestFirst;

    public LogsController(
            Elasticsearch elasticsearch, VigilConfig config, LiveStreams streams, ProtectedFieldView protectedFields) {
        this.elasticsearch = elasticsearch;
        this.indices = config.indices();
        this.streams = streams;
        this.protectedFields = protectedFields;
        this.newestFirst = new NewestFirstSearch(elasticsearch);
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(
            operationId = "listLogs",
            summary = "List logs",
            description = "Newest first, with the exact total. Read past 10,000 hits (and "
                    + "stably while new logs arrive) with 'after' set to the previous page's 'next'.")
    public Page<LogItem> list(
            @Parameter(description = "host name or glob (web-*)") @Nullable @QueryValue String host,
            @Parameter(description = "comma list of LOW, MEDIUM, HIGH, CRITICAL") @Nullable @QueryValue String severity,
            @Parameter(description = "ISO-8601 or now-15m; inclusive") @Nullable @QueryValue String from,
            @Parameter(description = "ISO-8601 or now; exclusive") @Nullable @QueryValue String to,
            @Parameter(description = "words in the message (simple query string: \"phrase\", -not, a|b, pre*)")
                    @Nullable
                    @QueryValue
                    String q,
            @Parameter(description = "metric or event") @Nullable @QueryValue String kind,
            @Parameter(
                            description =
                                    "exact value of a security field, name:value (user.name:alice); finds encrypted values too, for the roles that see them in clear (others: 403)")
                    @Nullable
                    @QueryValue
                    String field,
            @Parameter(description = "comma list of up to 100 log ids; those that exist (and are in scope) are listed")
                    @Nullable
                    @QueryValue
                    String ids,
            @RequestBean PageRequest pageRequest,
            Authentication authentication) {
        LogFilter filter = LogFilter.parse(
                        host, severity, from, to, q, kind, HostScope.of(authentication), Instant.now())
                .withField(fieldMatch(field, authentication))
                .withIds(Params.ids("ids", ids));
        LogQuery query = LogQuery.parse(filter, pageRequest, elasticsearch.mapper());
        return newestFirst
                .run(indices.logsAlias(), query)
                .map(query::toPage)
                .orElseGet(query::emptyPage)
                .map(view(authentication));
    }

    @Get(uri = "/{id}", produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(
            operationId = "getLog",
            summary = "One log",
            description = "404 when it does not exist or is outside the caller's hosts.")
    public LogItem get(@PathVariable String id, Authentication authentication) {
        String checked = Params.keyword("id", id);
        // A search, not GET _doc: the alias spans daily indices, and the host scope is one more filter.
        Filters filters = new Filters(elasticsearch.mapper());
        filters.ids(List.of(checked));
        HostScope.of(authentication).addTo(filters);
        ObjectNode body = elasticsearch.mapper().createObjectNode();
        body.put("size", 1);
        body.set("query", filters.toQuery());
        return elasticsearch
                .search(indices.logsAlias(), body)
                .map(answer -> answer.path("hits").path("hits").path(0))
                .filter(hit -> !hit.isMissingNode())
                .map(hit -> ListSearch.item(hit, elasticsearch.mapper()))
                .map(view(authentication))
                .orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "no log with this id"));
    }

    @Get(uri = "/stream", produces = MediaType.TEXT_EVENT_STREAM)
    @ExecuteOn(TaskExecutors.BLOCKING) // field= may ask Elasticsearch whether the field is protected
    @Operation(
            operationId = "streamLogs",
            summary = "Live logs (Server-Sent Events)",
            description =
                    "Same filters as the list. One 'log' event "
                            + "per new document (data: the item; id: its position, for Last-Event-ID), 'heartbeat' comments while idle. "
                            + "From a browser (EventSource cannot send headers), open it with ?access_token= set to a ticket of POST /streams/tickets.")
    @ApiResponse(
            responseCode = "200",
            description = "each 'log' event's data is one item, as in the list",
            content =
                    @Content(mediaType = MediaType.TEXT_EVENT_STREAM, schema = @Schema(implementation = LogItem.class)))
    public Publisher<Event<?>> stream(
            @Nullable @QueryValue String host,
            @Nullable @QueryValue String severity,
            @Nullable @QueryValue String from,
            @Nullable @QueryValue String to,
            @Nullable @QueryValue String q,
            @Nullable @QueryValue String kind,
            @Nullable @QueryValue String field,
            @RequestBean StreamResume resume,
            Authentication authentication) {
        Instant now = Instant.now();
        LogFilter filter = LogFilter.parse(host, severity, from, to, q, kind, HostScope.of(authentication), now)
                .withField(fieldMatch(field, authentication));
        List<Object> position = resume.position(LogStream.SORT);
        // Without a position, start with what was ingested just before the connection: a log may
        // become searchable up to the settle delay after it was ingested.
        StreamPoller<LogItem> poller = streams.poller(new StreamSource<>(
                indices.logsAlias(),
                filter.toFilters(elasticsearch.mapper()),
                LogStream.SORT,
                Fields.EVENT_INGESTED,
                "log",
                () -> position,
                now.minus(streams.config().settle()),
                view(authentication)));
        return streams.stream(poller, authentication);
    }

    /**
     * A log as the caller may see it: list, one and stream answer the same. A metric sample's own
     * line is not stored ({@link MetricSummary}); it is rendered back here.
     */
    private Function<Map<String, Object>, LogItem> view(Authentication caller) {
        Function<Map<String, Object>, Map<String, Object>> stored = MetricSummary::restore;
        return stored.andThen(protectedFields.view(caller)).andThen(DocumentRecords.reader(LogItem.class));
    }

    /**
     * {@code field=NAME:VALUE}. Only the roles that see protected values in clear search them by
     * their keyed hash: for anyone else a hit would confirm a guessed value they are shown masked.
     * So a field the job stores protected (some document holds its hash) is a 403 for them; any
     * other field they search by its clear value only.
     */
    private FieldMatch fieldMatch(String field, Authentication caller) {
        if (protectedFields.seesClear(caller)) {
            return FieldMatch.parse(field, protectedFields::hashOf);
        }
        FieldMatch match = FieldMatch.parse(field, value -> java.util.Optional.empty());
        if (match != null && storedProtected(match.name())) {
            throw new HttpStatusException(
                    HttpStatus.FORBIDDEN,
                    "field '" + match.name() + "' is protected: searching it by "
                            + "value is for the roles that see it in clear");
        }
        return match;
    }

    private boolean storedProtected(String name) {
        ObjectNode body = elasticsearch.mapper().createObjectNode();
        body.put("size", 0);
        body.put("terminate_after", 1);
        body.put("track_total_hits", true);
        body.putObject("query").putObject("exists").put("field", ProtectedFields.hashPath(name));
        return elasticsearch
                .search(indices.logsAlias(), body)
                .map(answer -> answer.path("hits").path("total").path("value").asLong() > 0)
                .orElse(false);
    }
}
