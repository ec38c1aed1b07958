package io.vigil.query.alerts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import io.vigil.common.AlertFields;
import io.vigil.common.AlertStatus;
import io.vigil.common.Indices;
import io.vigil.query.VigilConfig;
import io.vigil.query.es.Elasticsearch;
import io.vigil.query.params.BadParameterException;
import io.vigil.query.params.Params;
import io.vigil.query.search.HostScope;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changes an alert's status with its audit record, safely beside the Flink job, which keeps
 * updating the same alert ({@code count}, {@code last_seen}) but never touches {@code status}.
 *
 * <p>Each attempt reads the alert (real time), checks the transition, writes the history record,
 * then updates the alert only if it is still that
 * version ({@code if_seq_no}/{@code if_primary_term}). A conflict (the job wrote in between, or
 * another analyst) removes that history record and starts over from a fresh read, so there is
 * never a status change without its record, and a concurrent change by someone else is seen
 * (and may make this one invalid: 409).
 */
@Singleton
public class AlertStatusChanges {
    static final int MAX_NOTE_LENGTH = 2000;
    private static final int ATTEMPTS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(AlertStatusChanges.class);

    private final Elasticsearch elasticsearch;
    private final Indices indices;
    private final Clock clock = Clock.systemUTC();
    private final ApplicationEventPublisher<AlertStatusChanged> events;

    public AlertStatusChanges(
            Elasticsearch elasticsearch, VigilConfig config, ApplicationEventPublisher<AlertStatusChanged> events) {
        this.elasticsearch = elasticsearch;
        this.indices = config.indices();
        this.events = events;
    }

    /** The alert as a document, or empty when absent or outside the caller's hosts. */
    Optional<Elasticsearch.Document> read(String id, HostScope scope) {
        return elasticsearch.get(indices.alerts(), id).filter(doc -> AlertScope.permits(scope, doc.source()));
    }

    /** @return the changed alert's document */
    Elasticsearch.Document change(String id, StatusChange change, String user, HostScope scope) {
        AlertStatus to = Params.status("status", change == null ? null : change.status());
        String note = change.note();
        if (note != null && note.length() > MAX_NOTE_LENGTH) {
            throw new BadParameterException("note", "must be at most " + MAX_NOTE_LENGTH + " characters");
        }
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Elasticsearch.Document alert = read(id, scope)
                    .orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "no alert with this id"));
            AlertStatus from = AlertStatus.parse(
                            alert.source().path(AlertFields.STATUS).asText(null))
                    .orElse(AlertStatus.OPEN);
            if (from == to) {
                throw new HttpStatusException(HttpStatus.CONFLICT, "the alert is already " + to.value());
            }
            if (!Transitions.allowed(from, to)) {
                throw new HttpStatusException(
                        HttpStatus.CONFLICT,
                        "a " + from.value() + " alert cannot become " + to.value()
                                + (from == AlertStatus.CLOSED ? "; reopen it first (status open)" : ""));
            }
            Instant now = clock.instant();
            // Random part: two requests that read the same version must not share (and delete) a record.
            String historyId = alert.id() + "@" + alert.seqNo() + "-" + java.util.UUID.randomUUID();
            elasticsearch.index(indices.alertHistory(), historyId, history(alert.id(), now, user, from, to, note));
            boolean updated;
            try {
                updated = elasticsearch.updateIfUnchanged(indices.alerts(), alert, statusFields(to, now, user));
            } catch (RuntimeException e) {
                forgetQuietly(historyId);
                throw e;
            }
            if (updated) {
                LOG.info("Alert {} {} -> {} by {}", alert.id(), from.value(), to.value(), user);
                events.publishEvent(new AlertStatusChanged(alert.id(), from, to));
                return read(id, HostScope.all())
                        .orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "no alert with this id"));
            }
            elasticsearch.delete(indices.alertHistory(), historyId);
        }
        throw new HttpStatusException(HttpStatus.CONFLICT, "the alert kept changing while it was updated; try again");
    }

    private ObjectNode history(String alertId, Instant at, String user, AlertStatus from, AlertStatus to, String note) {
        ObjectNode doc = elasticsearch.mapper().createObjectNode();
        doc.put(AlertFields.HISTORY_ALERT_ID, alertId);
        doc.put(AlertFields.HISTORY_TIMESTAMP, at.toString());
        doc.put(AlertFields.HISTORY_USER, user);
        doc.put(AlertFields.HISTORY_FROM, from.value());
        doc.put(AlertFields.HISTORY_TO, to.value());
        if (note == null) {
            doc.putNull(AlertFields.HISTORY_NOTE);
        } else {
            doc.put(AlertFields.HISTORY_NOTE, note);
        }
        return doc;
    }

    private ObjectNode statusFields(AlertStatus to, Instant at, String user) {
        ObjectNode doc = elasticsearch.mapper().createObjectNode();
        doc.put(AlertFields.STATUS, to.value());
        doc.put(AlertFields.STATUS_CHANGED_AT, at.toString());
        doc.put(AlertFields.STATUS_CHANGED_BY, user);
        return doc;
    }

    private void forgetQuietly(String historyId) {
        try {
            elasticsearch.delete(indices.alertHistory(), historyId);
        } catch (RuntimeException e) {
            LOG.warn("Could not remove the history record {} of a failed status change: {}", historyId, e.toString());
        }
    }
}
