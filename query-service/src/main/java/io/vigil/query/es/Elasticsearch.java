package io.vigil.query.es;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.WarningsHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The few Elasticsearch calls the service makes, over the low-level client. Request bodies are
 * Jackson trees (never text pasted together from user input); answers are parsed with Jackson.
 * Every failure is counted in {@code vigil.elasticsearch.errors} (Prometheus) by kind, and every
 * call timed in {@code vigil.elasticsearch.requests} by operation.
 */
@Singleton
public class Elasticsearch {
    private static final Logger LOG = LoggerFactory.getLogger(Elasticsearch.class);
    private static final int PING_TIMEOUT_MS = 5_000;
    public static final String ERRORS_METRIC = "vigil.elasticsearch.errors";
    public static final String REQUESTS_METRIC = "vigil.elasticsearch.requests";

    /** A stored document read by id, with the version fields optimistic concurrency needs. */
    public record Document(String id, long seqNo, long primaryTerm, ObjectNode source) {}

    private final RestClient client;
    private final ObjectMapper mapper;
    private final MeterRegistry metrics;
    private final RequestOptions options;
    private final RequestOptions pingOptions;
    /** Warnings (deprecations) already logged: ES repeats them on every call; log each once. */
    private final Set<String> seenWarnings = ConcurrentHashMap.newKeySet();

    public Elasticsearch(RestClient client, MeterRegistry metrics) {
        this.client = client;
        this.metrics = metrics;
        this.mapper = new ObjectMapper();
        WarningsHandler logOnce = this::logWarningsOnce;
        this.options =
                RequestOptions.DEFAULT.toBuilder().setWarningsHandler(logOnce).build();
        this.pingOptions = options.toBuilder()
                .setRequestConfig(RequestConfig.custom()
                        .setConnectTimeout(PING_TIMEOUT_MS)
                        .setSocketTimeout(PING_TIMEOUT_MS)
                        .build())
                .build();
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** True when Elasticsearch answers {@code GET /} with a success status. */
    public boolean ping() {
        Request request = new Request("GET", "/");
        request.setOptions(pingOptions);
        try {
            Response response = client.performRequest(request);
            EntityUtils.consumeQuietly(response.getEntity());
            return true;
        } catch (IOException e) {
            countError("unavailable");
            LOG.warn("Elasticsearch is not reachable: {}", e.toString());
            return false;
        }
    }

    /**
     * {@code POST /INDEX/_search} with the given body.
     *
     * @return the answer, or empty when the index or alias does not exist (yet)
     * @throws ElasticsearchUnavailableException when Elasticsearch cannot be reached or fails
     * @throws ElasticsearchRejectedException when Elasticsearch refuses the request (4xx)
     */
    public Optional<JsonNode> search(String index, ObjectNode body) {
        Request request = new Request("POST", "/" + index + "/_search");
        // A missing alias is "no data yet", not an error.
        request.addParameter("ignore_unavailable", "true");
        request.addParameter("allow_no_indices", "true");
        return perform("search", index, request, body);
    }

    /** {@code GET /INDEX/_doc/ID} (real time: sees a document before the next refresh); empty when absent. */
    public Optional<Document> get(String index, String id) {
        Request request = new Request("GET", "/" + index + "/_doc/" + encode(id));
        Optional<JsonNode> answer = perform("get", index, request, null);
        return answer.filter(a -> a.path("found").asBoolean(false))
                .map(a -> new Document(
                        a.path("_id").asText(),
                        a.path("_seq_no").asLong(),
                        a.path("_primary_term").asLong(),
                        a.path("_source") instanceof ObjectNode source ? source : mapper.createObjectNode()));
    }

    /** {@code PUT /INDEX/_doc/ID}, refreshed at once so the next read sees it. */
    public void index(String index, String id, ObjectNode document) {
        Request request = new Request("PUT", "/" + index + "/_doc/" + encode(id));
        request.addParameter("refresh", "true");
        perform("index", index, request, document);
    }

    /**
     * Partial update guarded by the version that was read ({@code if_seq_no}/{@code if_primary_term}).
     *
     * @return false when the document changed since (a conflict: read again and retry)
     */
    public boolean updateIfUnchanged(String index, Document read, ObjectNode partial) {
        Request request = new Request("POST", "/" + index + "/_update/" + encode(read.id()));
        request.addParameter("if_seq_no", Long.toString(read.seqNo()));
        request.addParameter("if_primary_term", Long.toString(read.primaryTerm()));
        request.addParameter("refresh", "true");
        ObjectNode body = mapper.createObjectNode();
        body.set("doc", partial);
        try {
            perform("update", index, request, body);
            return true;
        } catch (ElasticsearchRejectedException e) {
            if (e.status() == 409) {
                return false;
            }
            throw e;
        }
    }

    /** Names of the indices matching a pattern ({@code GET /_cat/indices/PATTERN}); none is fine. */
    public List<String> indexNames(String pattern) {
        Request request = new Request("GET", "/_cat/indices/" + encode(pattern));
        request.addParameter("format", "json");
        request.addParameter("h", "index");
        List<String> names = new java.util.ArrayList<>();
        perform("list", pattern, request, null)
                .ifPresent(
                        rows -> rows.forEach(row -> names.add(row.path("index").asText())));
        return names;
    }

    /** {@code DELETE /INDEX}: a whole index; absent is fine. */
    public void deleteIndex(String index) {
        perform("delete", index, new Request("DELETE", "/" + encode(index)), null);
    }

    /** {@code DELETE /INDEX/_doc/ID}; absent is fine. */
    public void delete(String index, String id) {
        Request request = new Request("DELETE", "/" + index + "/_doc/" + encode(id));
        request.addParameter("refresh", "true");
        perform("delete", index, request, null);
    }

    /** {@code POST /INDEX/_mget}: the documents that exist, by id (real time, like {@link #get}). */
    public Map<String, Document> mget(String index, Collection<String> ids) {
        Map<String, Document> found = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        ObjectNode body = mapper.createObjectNode();
        ArrayNode list = body.putArray("ids");
        new LinkedHashSet<>(ids).forEach(list::add);
        Request request = new Request("POST", "/" + index + "/_mget");
        perform("mget", index, request, body)
                .ifPresent(answer -> answer.path("docs").forEach(doc -> {
                    if (doc.path("found").asBoolean(false)) {
                        found.put(
                                doc.path("_id").asText(),
                                new Document(
                                        doc.path("_id").asText(),
                                        doc.path("_seq_no").asLong(),
                                        doc.path("_primary_term").asLong(),
                                        doc.path("_source") instanceof ObjectNode source
                                                ? source
                                                : mapper.createObjectNode()));
                    }
                }));
        return found;
    }

    /**
     * One action of {@link #bulk}: {@code create} (fails with 409 when the id exists), {@code update}
     * (a partial document; guarded by the version when {@code ifSeqNo} is set) or {@code index}.
     */
    public record BulkAction(String op, String id, Long ifSeqNo, Long ifPrimaryTerm, ObjectNode source) {
        public static BulkAction create(String id, ObjectNode source) {
            return new BulkAction("create", id, null, null, source);
        }

        public static BulkAction update(String id, ObjectNode partial) {
            return new BulkAction("update", id, null, null, partial);
        }

        public static BulkAction updateIfUnchanged(Document read, ObjectNode partial) {
            return new BulkAction("update", read.id(), read.seqNo(), read.primaryTerm(), partial);
        }
    }

    /**
     * {@code POST /INDEX/_bulk?refresh=true}: every action's HTTP status, in order (201/200 done,
     * 409 a conflict: the id exists for a create, another version for a guarded update).
     */
    public List<Integer> bulk(String index, List<BulkAction> actions) {
        if (actions.isEmpty()) {
            return List.of();
        }
        StringBuilder ndjson = new StringBuilder();
        try {
            for (BulkAction action : actions) {
                ObjectNode meta = mapper.createObjectNode();
                ObjectNode op = meta.putObject(action.op());
                op.put("_id", action.id());
                if (action.ifSeqNo() != null) {
                    op.put("if_seq_no", action.ifSeqNo());
                    op.put("if_primary_term", action.ifPrimaryTerm());
                }
                ndjson.append(mapper.writeValueAsString(meta)).append('\n');
                ObjectNode source = action.source();
                if ("update".equals(action.op())) {
                    source = mapper.createObjectNode().set("doc", action.source());
                }
                ndjson.append(mapper.writeValueAsString(source)).append('\n');
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Request request = new Request("POST", "/" + index + "/_bulk");
        request.addParameter("refresh", "true");
        request.setEntity(new NStringEntity(
                ndjson.toString(), ContentType.create("application/x-ndjson", StandardCharsets.UTF_8)));
        JsonNode answer = perform("bulk", index, request, null).orElseGet(mapper::createObjectNode);
        List<Integer> statuses = new ArrayList<>(actions.size());
        for (JsonNode item : answer.path("items")) {
            JsonNode result = item.elements().hasNext() ? item.elements().next() : mapper.createObjectNode();
            int status = result.path("status").asInt(500);
            if (status >= 400 && status != 409) {
                LOG.warn(
                        "Elasticsearch refused a bulk {} in {}: {}",
                        item.fieldNames().next(),
                        index,
                        errorText(result));
            }
            statuses.add(status);
        }
        while (statuses.size() < actions.size()) {
            statuses.add(500);
        }
        return statuses;
    }

    /** {@code PUT _index_template/NAME} (idempotent). */
    public void putIndexTemplate(String name, String body) {
        Request request = new Request("PUT", "/_index_template/" + encode(name));
        request.setJsonEntity(body);
        perform("template", name, request, null);
    }

    private Optional<JsonNode> perform(String operation, String index, Request request, ObjectNode body) {
        request.setOptions(options);
        Timer.Sample timing = Timer.start(metrics);
        try {
            if (body != null) {
                request.setJsonEntity(mapper.writeValueAsString(body));
            }
            Response response = client.performRequest(request);
            return Optional.of(mapper.readTree(response.getEntity().getContent()));
        } catch (ResponseException e) {
            int status = e.getResponse().getStatusLine().getStatusCode();
            JsonNode answer = body(e.getResponse());
            String error = errorText(answer);
            if (status == 404
                    && (error.contains("index_not_found")
                            || answer.has("found")
                            || "not_found".equals(answer.path("result").asText()))) {
                return Optional.empty(); // a missing index or document is "no data", not an error
            }
            if (status == 409) {
                throw new ElasticsearchRejectedException(status, "Elasticsearch reported a version conflict", e);
            }
            LOG.warn("Elasticsearch answered {} to a {} of {}: {}", status, operation, index, error);
            if (status >= 500) {
                countError("failed");
                throw new ElasticsearchUnavailableException("Elasticsearch failed (status " + status + ")", e);
            }
            countError("rejected");
            throw new ElasticsearchRejectedException(
                    status, "Elasticsearch refused the " + operation + " (status " + status + ")", e);
        } catch (IOException e) {
            countError("unavailable");
            LOG.warn("Elasticsearch is not reachable: {}", e.toString());
            throw new ElasticsearchUnavailableException("Elasticsearch is not reachable", e);
        } finally {
            timing.stop(metrics.timer(REQUESTS_METRIC, "operation", operation));
        }
    }

    private void countError(String kind) {
        metrics.counter(ERRORS_METRIC, "kind", kind).increment();
    }

    private static String encode(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode body(Response response) {
        try {
            return mapper.readTree(response.getEntity().getContent());
        } catch (IOException | RuntimeException e) {
            return mapper.createObjectNode();
        }
    }

    private static String errorText(JsonNode answer) {
        JsonNode error = answer.path("error");
        JsonNode root = error.path("root_cause").path(0);
        String type = error.path("type").asText("");
        String reason = (root.isMissingNode() ? error : root).path("reason").asText("");
        return type + (reason.isEmpty() ? "" : ": " + reason);
    }

    private boolean logWarningsOnce(List<String> warnings) {
        for (String warning : warnings) {
            if (seenWarnings.size() < 100 && seenWarnings.add(warning)) {
                LOG.warn("Elasticsearch warning (logged once): {}", warning);
            }
        }
        return false; // warnings never fail a request
    }
}
