package io.vigil.query.stream;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Parameter;
import io.vigil.query.search.SortSpec;
import java.util.List;

/**
 * Where a stream that is opened again resumes, as sent: an EventSource sends {@code Last-Event-ID}
 * by itself when it reconnects; a client opening a new connection cannot set that header and says
 * {@code last_event_id} instead. The header wins. Every stream binds it with {@code @RequestBean}.
 *
 * @param header     the {@code Last-Event-ID} header, null when absent
 * @param parameter  the {@code last_event_id} parameter, null when absent
 */
@Introspected
public record StreamResume(
        @Parameter(hidden = true) @Nullable @Header("Last-Event-ID")
        String header,

        @Parameter(description = "resume after this event id (as Last-Event-ID)") @Nullable @QueryValue("last_event_id")
        String parameter) {

    /**
     * The sort values of the last document the client had, or null to start afresh.
     *
     * @throws io.vigil.query.params.BadParameterException when the id is no position of this stream
     */
    public @Nullable List<Object> position(SortSpec sort) {
        String id = header != null ? header : parameter;
        return id == null ? null : StreamPositions.decode(id, sort);
    }
}
