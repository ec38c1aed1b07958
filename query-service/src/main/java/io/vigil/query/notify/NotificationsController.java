package io.vigil.query.notify;

import static io.vigil.query.search.SortSpec.Type.LONG;
import static io.vigil.query.search.SortSpec.Type.STRING;

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
import io.vigil.common.Indices;
import io.vigil.query.VigilConfig;
import io.vigil.query.alerts.AlertScope;
import io.vigil.query.es.Elasticsearch;
import io.vigil.query.params.BadParameterException;
import io.vigil.query.params.Params;
import io.vigil.query.params.TimeRange;
import io.vigil.query.search.DocumentRecords;
import io.vigil.query.search.Filters;
import io.vigil.query.search.HostScope;
import io.vigil.query.search.ItemList;
import io.vigil.query.search.ListSearch;
import io.vigil.query.search.Page;
import io.vigil.query.search.PageRequest;
import io.vigil.query.search.SortSpec;
import io.vigil.query.security.Roles;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Admins only: the configured channels (secrets masked) and the notifications, with their state,
 * attempts, errors and dead letters. A host-limited admin sees the notifications of their hosts.
 */
@Controller("/notifications")
@Secured(Roles.ADMIN)
@Tag(name = "notifications")
public class NotificationsController {
    /** Newest first; channel, alert and action make it unique (they make the document id). */
    static final SortSpec SORT = SortSpec.of(
            SortSpec.desc(DeliveryRecord.CREATED_AT, LONG, "date"),
            SortSpec.asc(DeliveryRecord.CHANNEL, STRING, "keyword"),
            SortSpec.asc(DeliveryRecord.ALERT_ID, STRING, "keyword"),
            SortSpec.asc(DeliveryRecord.ACTION, STRING, "keyword"));

    private final Elasticsearch elasticsearch;
    private final Indices indices;
    private final Channels channels;

    public NotificationsController(Elasticsearch elasticsearch, VigilConfig config, Channels channels) {
        this.elasticsearch = elasticsearch;
        this.indices = config.indices();
        this.channels = channels;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(
            operationId = "listNotifications",
            summary = "Alert notifications and dead letters",
            description =
                    "Newest first. Each: channel, channel_type, alert_id, action (trigger/resolve), status (pending, sending, "
                            + "retry, delivered, dead, skipped), attempts, not_before, delivered_at, http_status, last_error, reason.")
    public Page<Notification> list(
            @Parameter(description = "channel name") @Nullable @QueryValue String channel,
            @Parameter(description = "comma list of pending, sending, retry, delivered, dead, skipped")
                    @Nullable
                    @QueryValue
                    String status,
            @Parameter(description = "alert id") @Nullable @QueryValue("alert_id") String alertId,
            @Parameter(description = "created at or after: ISO-8601 or now-1d") @Nullable @QueryValue String from,
            @Parameter(description = "created before: ISO-8601 or now") @Nullable @QueryValue String to,
            @RequestBean PageRequest pageRequest,
            Authentication authentication) {
        TimeRange range = TimeRange.parse(from, to, Instant.now());
        Filters filters = new Filters(elasticsearch.mapper())
                .term(DeliveryRecord.CHANNEL, Params.keyword("channel", channel))
                .term(DeliveryRecord.ALERT_ID, Params.keyword("alert_id", alertId))
                .terms(DeliveryRecord.STATUS, statuses(status))
                .range(DeliveryRecord.CREATED_AT, range.from(), range.to());
        // A record names its alert's hosts: shown only when the alert itself would be.
        AlertScope.addTo(HostScope.of(authentication), filters);
        return ListSearch.of(filters, SORT, pageRequest)
                .run(elasticsearch, indices.notifications())
                .map(DocumentRecords.reader(Notification.class));
    }

    @Get(uri = "/channels", produces = MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "listNotificationChannels",
            summary = "Configured notification channels",
            description =
                    "Route, quiet hours, rate limit, grouping and target of each channel; secrets masked, with where they come from.")
    public ItemList<ChannelView> channels() {
        return ItemList.of(channels.list().stream().map(ChannelView::of).toList());
    }

    private static List<String> statuses(String text) {
        if (text == null) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (String part : text.split(",")) {
            String value = part.trim().toLowerCase(Locale.ROOT);
            if (Arrays.stream(DeliveryStatus.values()).noneMatch(s -> s.value().equals(value))) {
                throw new BadParameterException(
                        "status", "must be a comma list of pending, sending, retry, delivered, dead, skipped");
            }
            values.add(value);
        }
        return values;
    }
}
