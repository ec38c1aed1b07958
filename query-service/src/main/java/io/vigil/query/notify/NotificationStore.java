package io.vigil.query.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.common.IndexTemplates;
import io.vigil.common.Indices;
import io.vigil.query.es.Elasticsearch;
import io.vigil.query.es.Elasticsearch.BulkAction;
import io.vigil.query.search.Filters;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The notifier's reads and writes of {@code PREFIX-notifications} (and its reads of alerts). Every
 * write refreshes at once: the sender searches for what is due right after the intake wrote it,
 * and the volume is that of alerts, not of logs.
 */
final class NotificationStore {
    private final Elasticsearch elasticsearch;
    private final Indices indices;

    NotificationStore(Elasticsearch elasticsearch, Indices indices) {
        this.elasticsearch = elasticsearch;
        this.indices = indices;
    }

    ObjectNode newDocument() {
        return elasticsearch.mapper().createObjectNode();
    }

    /**
     * Installs the notifications template of common before the first write, in case the job (which
     * installs every template) has not run since it was added: the index must never get a guessed
     * mapping.
     */
    void ensureTemplate() {
        String name = indices.prefix() + "-notifications";
        elasticsearch.putIndexTemplate(
                name, IndexTemplates.forPrefix(indices.prefix()).get(name));
    }

    Map<String, DeliveryRecord> find(Collection<String> ids) {
        Map<String, DeliveryRecord> found = new LinkedHashMap<>();
        elasticsearch.mget(indices.notifications(), ids).forEach((id, doc) -> found.put(id, new DeliveryRecord(doc)));
        return found;
    }

    Map<String, AlertView> alerts(Collection<String> ids) {
        Map<String, AlertView> found = new LinkedHashMap<>();
        elasticsearch.mget(indices.alerts(), ids).forEach((id, doc) -> found.put(id, new AlertView(id, doc.source())));
        return found;
    }

    /**
     * Creates the documents whose ids are still free ({@code op_type=create}).
     *
     * @return per document: true when it exists now (created here or before), false when the write failed
     */
    List<Boolean> createAll(List<Map.Entry<String, ObjectNode>> documents) {
        List<BulkAction> actions = documents.stream()
                .map(d -> BulkAction.create(d.getKey(), d.getValue()))
                .toList();
        return elasticsearch.bulk(indices.notifications(), actions).stream()
                .map(s -> s == 201 || s == 200 || s == 409)
                .toList();
    }

    /**
     * A channel's waiting notifications, soonest first: pending or retrying (whatever their
     * {@code not_before}: the first one tells an idle sender when to look again), and claims whose
     * lease ran out (their sender died).
     */
    List<DeliveryRecord> waiting(String channel, Instant now, int size) {
        ObjectNode body = newDocument();
        body.put("size", size);
        body.put("seq_no_primary_term", true);
        body.put("track_total_hits", false);
        ObjectNode bool = body.putObject("query").putObject("bool");
        bool.putArray("filter")
                .addObject()
                .putObject("term")
                .putObject(DeliveryRecord.CHANNEL)
                .put("value", channel);
        ArrayNode should = bool.putArray("should");
        should.addObject()
                .putObject("terms")
                .putArray(DeliveryRecord.STATUS)
                .add(DeliveryStatus.PENDING.value())
                .add(DeliveryStatus.RETRY.value());
        ArrayNode abandoned = should.addObject().putObject("bool").putArray("filter");
        abandoned
                .addObject()
                .putObject("term")
                .putObject(DeliveryRecord.STATUS)
                .put("value", DeliveryStatus.SENDING.value());
        abandoned
                .addObject()
                .putObject("range")
                .putObject(DeliveryRecord.LEASE_UNTIL)
                .put("lt", now.toEpochMilli())
                .put("format", "epoch_millis");
        bool.put("minimum_should_match", 1);
        ArrayNode sort = body.putArray("sort");
        sort.addObject().putObject(DeliveryRecord.NOT_BEFORE).put("order", "asc");
        sort.addObject().putObject(DeliveryRecord.CREATED_AT).put("order", "asc");
        return hits(body);
    }

    /** When the channel's last failed request allowed the next one (the latest {@code not_before} of its retries). */
    Instant retryingUntil(String channel) {
        ObjectNode body = aggregationOf(new Filters(elasticsearch.mapper())
                .term(DeliveryRecord.CHANNEL, channel)
                .term(DeliveryRecord.STATUS, DeliveryStatus.RETRY.value()));
        body.putObject("aggs").putObject("until").putObject("max").put("field", DeliveryRecord.NOT_BEFORE);
        return elasticsearch
                .search(indices.notifications(), body)
                .map(a -> a.path("aggregations").path("until").path("value"))
                .filter(JsonNode::isNumber)
                .map(v -> Instant.ofEpochMilli(v.asLong()))
                .orElse(Instant.EPOCH);
    }

    /** The times of the channel's requests that succeeded since {@code since}, one per message. */
    List<Instant> messagesSince(String channel, Instant since) {
        ObjectNode body = aggregationOf(new Filters(elasticsearch.mapper())
                .term(DeliveryRecord.CHANNEL, channel)
                .range(DeliveryRecord.DELIVERED_AT, since, null));
        ObjectNode messages = body.putObject("aggs").putObject("messages");
        messages.putObject("terms").put("field", DeliveryRecord.MESSAGE_ID).put("size", 1000);
        messages.putObject("aggs").putObject("at").putObject("min").put("field", DeliveryRecord.DELIVERED_AT);
        List<Instant> times = new ArrayList<>();
        elasticsearch
                .search(indices.notifications(), body)
                .ifPresent(a -> a.path("aggregations")
                        .path("messages")
                        .path("buckets")
                        .forEach(b -> {
                            if (b.path("at").path("value").isNumber()) {
                                times.add(Instant.ofEpochMilli(
                                        b.path("at").path("value").asLong()));
                            }
                        }));
        return times;
    }

    /**
     * Changes each record only if it is still the version that was read.
     *
     * @return the records that were changed (the others changed meanwhile: someone else has them)
     */
    List<DeliveryRecord> updateIfUnchanged(List<DeliveryRecord> records, List<ObjectNode> partials) {
        List<BulkAction> actions = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            actions.add(BulkAction.updateIfUnchanged(records.get(i).doc(), partials.get(i)));
        }
        List<Integer> statuses = elasticsearch.bulk(indices.notifications(), actions);
        List<DeliveryRecord> changed = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            if (statuses.get(i) == 200) {
                changed.add(records.get(i));
            }
        }
        return changed;
    }

    /** Unguarded changes: the outcome of a request this process made under its claim. */
    void update(List<String> ids, List<ObjectNode> partials) {
        List<BulkAction> actions = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            actions.add(BulkAction.update(ids.get(i), partials.get(i)));
        }
        elasticsearch.bulk(indices.notifications(), actions);
    }

    /** A search body for aggregations only (no hits): the caller adds them. */
    private ObjectNode aggregationOf(Filters filters) {
        ObjectNode body = newDocument();
        body.put("size", 0);
        body.set("query", filters.toQuery());
        return body;
    }

    private List<DeliveryRecord> hits(ObjectNode body) {
        List<DeliveryRecord> records = new ArrayList<>();
        elasticsearch
                .search(indices.notifications(), body)
                .ifPresent(answer -> answer.path("hits")
                        .path("hits")
                        .forEach(hit -> records.add(new DeliveryRecord(new Elasticsearch.Document(
                                hit.path("_id").asText(),
                                hit.path("_seq_no").asLong(),
                                hit.path("_primary_term").asLong(),
                                hit.path("_source") instanceof ObjectNode source ? source : newDocument())))));
        return records;
    }
}
