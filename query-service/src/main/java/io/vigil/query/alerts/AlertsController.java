package io.vigil.query.alerts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
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
import io.vigil.common.AlertFields;
import io.vigil.common.Indices;
import io.vigil.query.VigilConfig;
import io.vigil.query.es.Elasticsearch;
import io.vigil.query.params.Params;
import io.vigil.query.protect.ProtectedFieldView;
import io.vigil.query.rules.ShadowAlerts;
import io.vigil.query.search.DocumentRecords;
import io.vigil.query.search.Filters;
import io.vigil.query.search.HostScope;
import io.vigil.query.search.ItemList;
import io.vigil.query.search.ListSearch;
import io.vigil.query.search.Page;
import io.vigil.query.search.PageRequest;
import io.vigil.query.security.Roles;
import io.vigil.query.stream.LiveStreams;
import io.vigil.query.stream.StreamPoller;
import io.vigil.query.stream.StreamResume;
import io.vigil.query.stream.StreamSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.reactivestreams.Publisher;

/**
 * The alerts the detection engine writes: list, one, status changes with their history, and a
 * live stream. Reading is for every role; changing the status for analysts and admins.
 */
@Controller("/alerts")
@Secured({Roles.VIEWER, Roles.ANALYST, Roles.ADMIN})
@Tag(name = "alerts")
public class AlertsController {
    private static final int MAX_HISTORY = 1000;

    private final Elasticsearch elasticsearch;
    private final Indices indices;
    private final AlertStatusChanges changes;
    private final LiveStreams streams;
    private final ProtectedFieldView protectedFields;

    public AlertsController(
            Elasticsearch elasticsearch,
            VigilConfig config,
            AlertStatusChanges changes,
            LiveStreams streams,
            ProtectedFieldView protectedFields) {
        this.elasticsearch = elasticsearch;
        this.indices = config.indices();
        this.changes = changes;
        this.streams = streams;
        this.protectedFields = protectedFields;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(
            operationId = "listAlerts",
            summary = "List alerts",
            description = "Most recently active first; from/to select alerts active in the range.")
    public Page<Alert> list(
            @Parameter(description = "comma list of LOW, MEDIUM, HIGH, CRITICAL") @Nullable @QueryValue String severity,
            @Parameter(description = "comma list of open, acknowledged, closed") @Nullable @QueryValue String status,
            @Parameter(description = "host name or glob") @Nullable @QueryValue String host,
            @Parameter(description = "rule id") @Nullable @QueryValue("rule_id") String ruleId,
            @Parameter(description = "ISO-8601 or now-1h") @Nullable @QueryValue String from,
            @Parameter(description = "ISO-8601 or now") @Nullable @QueryValue String to,
            @RequestBean PageRequest pageRequest,
            @Parameter(description = "alerts of rules in mode: shadow: exclude (default), include or only")
                    @Nullable
                    @QueryValue
                    String shadow,
            Authentication authentication) {
        AlertFilter filter = AlertFilter.parse(
                severity, status, host, ruleId, from, to, HostScope.of(authentication), Instant.now());
        return ListSearch.of(
                        ShadowAlerts.apply(
                                filter.toFilters(elasticsearch.mapper()),
                                elasticsearch.mapper(),
                                ShadowAlerts.parse(shadow)),
                        AlertSorts.LIST,
                        pageRequest)
                .run(elasticsearch, indices.alerts())
                .map(view(authentication));
    }

    @Get(uri = "/{id}", produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(
            operationId = "getAlert",
            summary = "One alert",
            description = "404 when it does not exist or is outside the caller's hosts.")
    public Alert get(@PathVariable String id, Authentication authentication) {
        return changes.read(Params.keyword("id", id), HostScope.of(authentication))
                .map(this::item)
                .map(view(authentication))
                .orElseThrow(AlertsController::notFound);
    }

    @Patch(uri = "/{id}", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Secured({Roles.ANALYST, Roles.ADMIN})
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(
            operationId = "changeAlertStatus",
            summary = "Change an alert's status",
            description =
                    "open → acknowledged → closed, or back to open; "
                            + "who and when are recorded, with the note, in the alert's history. 409 for a change that is not allowed.")
    public Alert patch(@PathVariable String id, @Body StatusChange change, Authentication authentication) {
        return view(authentication)
                .apply(item(changes.change(
                        Params.keyword("id", id),
                        change == null ? new StatusChange(null, null) : change,
                        authentication.getName(),
                        HostScope.of(authentication))));
    }

    @Get(uri = "/{id}/history", produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(
            operationId = "alertHistory",
            summary = "An alert's status changes",
            description = "Oldest first: user, timestamp, from_status, to_status, note.")
    public ItemList<AlertHistoryEntry> history(@PathVariable String id, Authentication authentication) {
        String alertId = Params.keyword("id", id);
        changes.read(alertId, HostScope.of(authentication)).orElseThrow(AlertsController::notFound);
        ObjectNode body = elasticsearch.mapper().createObjectNode();
        body.put("size", MAX_HISTORY);
        body.put("track_total_hits", true);
        body.set(
                "query",
                new Filters(elasticsearch.mapper())
                        .term(AlertFields.HISTORY_ALERT_ID, alertId)
                        .toQuery());
        body.set("sort", AlertSorts.HISTORY.toJson(elasticsearch.mapper()));
        List<AlertHistoryEntry> items = new ArrayList<>();
        long total = elasticsearch
                .search(indices.alertHistory(), body)
                .map(answer -> {
                    answer.path("hits")
                            .path("hits")
                            .forEach(hit -> items.add(DocumentRecords.read(
                                    AlertHistoryEntry.class, ListSearch.item(hit, elasticsearch.mapper()))));
                    return answer.path("hits").path("total").path("value").asLong();
                })
                .orElse(0L);
        return new ItemList<>(items, total);
    }

    @Get(uri = "/stream", produces = MediaType.TEXT_EVENT_STREAM)
    @Operation(
            operationId = "streamAlerts",
            summary = "Live alerts (Server-Sent Events)",
            description = "Same filters as the list. One 'alert' event "
                    + "each time an alert is created or changes (new count, last_seen or status); 'heartbeat' comments while idle. "
                    + "From a browser, open it with ?access_token= set to a ticket of POST /streams/tickets.")
    @ApiResponse(
            responseCode = "200",
            description = "each 'alert' event's data is the alert as it is now, as in the list",
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM, schema = @Schema(implementation = Alert.class)))
    public Publisher<Event<?>> stream(
            @Nullable @QueryValue String severity,
            @Nullable @QueryValue String status,
            @Nullable @QueryValue String host,
            @Nullable @QueryValue("rule_id") String ruleId,
            @Nullable @QueryValue String from,
            @Nullable @QueryValue String to,
            @RequestBean StreamResume resume,
            @Nullable @QueryValue String shadow,
            Authentication authentication) {
        AlertFilter filter = AlertFilter.parse(
                severity, status, host, ruleId, from, to, HostScope.of(authentication), Instant.now());
        ShadowAlerts.Choice shadowChoice = ShadowAlerts.parse(shadow);
        List<Object> resumeAt = resume.position(AlertSorts.STREAM);
        // Without one, the newest write is looked up by the first poll (off the event loop).
        StreamPoller<Alert> poller = streams.poller(new StreamSource<>(
                indices.alerts(),
                ShadowAlerts.apply(filter.toFilters(elasticsearch.mapper()), elasticsearch.mapper(), shadowChoice),
                AlertSorts.STREAM,
                null,
                "alert",
                resumeAt != null ? () -> resumeAt : this::currentPosition,
                null,
                view(authentication)));
        return streams.stream(poller, authentication);
    }

    /** The newest write's seq_no, so a new stream starts with what happens next; null before the first alert. */
    private List<Object> currentPosition() {
        ObjectNode body = elasticsearch.mapper().createObjectNode();
        body.put("size", 1);
        body.put("track_total_hits", false);
        body.set(
                "sort",
                elasticsearch
                        .mapper()
                        .createArrayNode()
                        .add(elasticsearch
                                .mapper()
                                .createObjectNode()
                                .set(
                                        "_seq_no",
                                        elasticsearch
                                                .mapper()
                                                .createObjectNode()
                                                .put("order", "desc"))));
        return elasticsearch
                .search(indices.alerts(), body)
                .map(answer -> answer.path("hits").path("hits").path(0))
                .filter(hit -> !hit.isMissingNode())
                .map(AlertSorts.STREAM::valuesOf)
                .orElse(null);
    }

    /** An alert as the caller may see it: list, one, status change and stream answer the same. */
    private Function<Map<String, Object>, Alert> view(Authentication caller) {
        return protectedFields.alertView(caller).andThen(DocumentRecords.reader(Alert.class));
    }

    private Map<String, Object> item(Elasticsearch.Document doc) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put(ListSearch.ID, doc.id());
        Map<String, Object> fields = elasticsearch.mapper().convertValue(doc.source(), Page.MAP);
        fields.remove(ListSearch.ID);
        item.putAll(fields);
        return item;
    }

    private static HttpStatusException notFound() {
        return new HttpStatusException(HttpStatus.NOT_FOUND, "no alert with this id");
    }
}
