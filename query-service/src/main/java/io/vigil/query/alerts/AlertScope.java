package io.vigil.query.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.common.AlertFields;
import io.vigil.query.search.Filters;
import io.vigil.query.search.HostScope;
import java.util.ArrayList;
import java.util.List;

/**
 * Which alerts a host-limited user sees: those whose every host is in their scope. An alert's
 * {@code hosts} lists every host that contributed evidence (a rule grouped by {@code source.ip}
 * gathers evidence from many); showing such an alert to someone who may see only one of them
 * would tell them about the others (its count, summary, group and matched event ids). Decision:
 * hide the whole alert rather than split it by host, because its count, severity and summary
 * describe all of its evidence together and cannot be recomputed per host here. An alert document
 * without {@code hosts} (written before the field existed) is judged by its {@code host}.
 *
 * <p>Used for every read of alerts and of what is derived from them (lists, ids, history, status
 * changes, streams, rule hit counts, notification records).
 */
public final class AlertScope {
    /** Every host that contributed evidence (sorted, written by the job). */
    public static final String HOSTS = AlertFields.HOSTS;
    /** The host of the first evidence: the fallback for documents without {@link #HOSTS}. */
    public static final String HOST = AlertFields.HOST;

    private AlertScope() {}

    public static void addTo(HostScope scope, Filters filters) {
        scope.addEveryHostTo(filters, HOSTS, HOST);
    }

    /** The Java twin of {@link #addTo} for a document read by id. */
    public static boolean permits(HostScope scope, JsonNode source) {
        return scope.permitsEvery(hostsOf(source));
    }

    /** {@code hosts} when the document has a non-empty list, else its {@code host} (or nothing). */
    public static List<String> hostsOf(JsonNode source) {
        List<String> hosts = new ArrayList<>();
        JsonNode list = source.path(HOSTS);
        if (list.isArray()) {
            list.forEach(h -> {
                if (h.isTextual()) {
                    hosts.add(h.asText());
                }
            });
        } else if (list.isTextual()) {
            hosts.add(list.asText());
        }
        if (hosts.isEmpty() && source.path(HOST).isTextual()) {
            hosts.add(source.path(HOST).asText());
        }
        return hosts;
    }
}
