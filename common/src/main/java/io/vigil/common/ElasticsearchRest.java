package io.vigil.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Elasticsearch's REST API for the job side (index templates, the rule catalog, the backtest's
 * scroll) over the JDK's HTTP client: JSON in, parsed JSON out, and every refusal an
 * {@link IOException} naming the request, the HTTP status and Elasticsearch's reason. The
 * {@code Authorization} value goes into requests only, never into a message.
 *
 * <p>TLS trust is the JVM's default {@code SSLContext}, taken when the client is built: the job
 * installs Elasticsearch's CA there first ({@code ElasticsearchTrust}), so build clients after
 * that, where they are used. The sinks' bulks are not here: they go through the connector's
 * client, and the query service has its own on the low-level REST client.
 */
public final class ElasticsearchRest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final int QUOTED = 500;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    private final String url;
    private final String authorization;
    private final Duration requestTimeout;

    /**
     * @param url            the node's base URL, e.g. {@code https://es:9200}
     * @param authorization  an {@code Authorization} header value for a secured cluster, or null
     * @param requestTimeout how long one request may take, answer included
     */
    public ElasticsearchRest(String url, String authorization, Duration requestTimeout) {
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.authorization = authorization;
        this.requestTimeout = requestTimeout;
    }

    /** Calls made against one node, all of them, before the next node is tried. */
    @FunctionalInterface
    public interface Calls {
        void on(ElasticsearchRest es) throws IOException, InterruptedException;
    }

    /**
     * Makes {@code calls} against the first of {@code urls} where all of them succeed, trying
     * the next on any {@link IOException} (refusal or unreachable alike).
     *
     * @param failure the message when none did, followed by the URLs; the last node's error is
     *                its cause
     */
    public static void onFirstThatTakes(
            List<String> urls, String authorization, Duration requestTimeout, String failure, Calls calls)
            throws IOException, InterruptedException {
        IOException last = null;
        for (String url : urls) {
            try {
                calls.on(new ElasticsearchRest(url, authorization, requestTimeout));
                return;
            } catch (IOException e) {
                last = e;
            }
        }
        throw new IOException(failure + " " + urls, last);
    }

    public JsonNode put(String path, String json) throws IOException, InterruptedException {
        return send("PUT", path, "application/json", json);
    }

    public JsonNode post(String path, String json) throws IOException, InterruptedException {
        return send("POST", path, "application/json", json);
    }

    public JsonNode delete(String path, String json) throws IOException, InterruptedException {
        return send("DELETE", path, "application/json", json);
    }

    /**
     * Posts an NDJSON bulk and reads its answer: Elasticsearch answers 200 even when items were
     * refused, so an answer whose {@code errors} is true throws, naming the first refused item.
     *
     * @param path {@code /_bulk} with any parameters, e.g. {@code /_bulk?refresh=true}
     */
    public JsonNode bulk(String path, String ndjson) throws IOException, InterruptedException {
        JsonNode answer = send("POST", path, "application/x-ndjson", ndjson);
        checkBulkAnswer(describe("POST", path), answer);
        return answer;
    }

    /**
     * Posts a {@code _delete_by_query} and reads its answer. Elasticsearch stops at the first batch
     * with a failure and lists what failed in {@code failures}; a 7.10 node answers that with the
     * failures' status, but the answer format allows a 200 (a task's answer, a proxy), so any
     * failure listed throws, with how many and the first one's document or shard and reason.
     *
     * @param path {@code /<index>/_delete_by_query} with any parameters
     */
    public JsonNode deleteByQuery(String path, String query) throws IOException, InterruptedException {
        JsonNode answer = send("POST", path, "application/json", query);
        checkByQueryAnswer(describe("POST", path), answer);
        return answer;
    }

    private JsonNode send(String method, String path, String contentType, String body)
            throws IOException, InterruptedException {
        String request = describe(method, path);
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url + path))
                .timeout(requestTimeout)
                .header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        HttpResponse<String> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            // The JDK's ConnectException and timeouts often carry no message, nor the address.
            throw new IOException(request + ": " + e, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException(request + ": HTTP " + response.statusCode() + " " + reason(response.body()));
        }
        try {
            return JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new IOException(request + ": the answer is not JSON: " + quote(response.body()), e);
        }
    }

    private String describe(String method, String path) {
        return method + " " + url + path;
    }

    /**
     * Elasticsearch's {@code error.type: error.reason}, the first of a by-query answer's
     * {@code failures}, or the start of whatever else answered.
     */
    private static String reason(String body) {
        try {
            JsonNode answer = JSON.readTree(body);
            JsonNode error = answer.path("error");
            if (error.isObject() || error.isTextual()) {
                return errorText(error);
            }
            if (hasFailures(answer)) {
                return failuresText(answer.path("failures"));
            }
        } catch (JsonProcessingException e) {
            // a proxy's page, not Elasticsearch: quote it
        }
        return quote(body);
    }

    /**
     * Throws when a bulk answer says an item was refused, with how many, and the first one's
     * index, id, status and reason. Read as JSON: a text search for {@code "errors":true} missed
     * a spaced answer ({@code "errors" : true}, which {@code ?pretty} gives).
     */
    static void checkBulkAnswer(String request, JsonNode answer) throws IOException {
        if (answer == null || !answer.path("errors").isBoolean()) {
            throw new IOException(request + ": not a bulk answer (no 'errors'): " + quote(String.valueOf(answer)));
        }
        if (!answer.path("errors").booleanValue()) {
            return;
        }
        JsonNode first = null;
        int refused = 0;
        for (JsonNode item : answer.path("items")) {
            JsonNode result = item.elements().hasNext() ? item.elements().next() : item; // {"index": {...}}
            if (result.hasNonNull("error")) {
                refused++;
                first = first == null ? result : first;
            }
        }
        if (first == null) {
            throw new IOException(
                    request + ": Elasticsearch refused items without naming one: " + quote(answer.toString()));
        }
        String reason = errorText(first.path("error"));
        throw new IOException(request + ": Elasticsearch refused " + refused + " of "
                + answer.path("items").size() + " documents; the first, '"
                + first.path("_id").asText()
                + "' in " + first.path("_index").asText() + " (HTTP "
                + first.path("status").asText() + "): "
                + reason);
    }

    /** Throws when a by-query answer (delete, update) lists failures, whatever its status was. */
    static void checkByQueryAnswer(String request, JsonNode answer) throws IOException {
        if (hasFailures(answer)) {
            throw new IOException(request + ": " + failuresText(answer.path("failures")));
        }
    }

    private static boolean hasFailures(JsonNode answer) {
        return answer != null
                && answer.path("failures").isArray()
                && !answer.path("failures").isEmpty();
    }

    /**
     * How many failed and the first: a refused document ({@code id}, {@code cause}) or a failed
     * shard of the search ({@code shard}, {@code reason}), each with its {@code status}.
     */
    private static String failuresText(JsonNode failures) {
        JsonNode first = failures.get(0);
        String where = first.has("id")
                ? "'" + first.path("id").asText() + "' in "
                        + first.path("index").asText()
                : "shard " + first.path("shard").asText() + " of "
                        + first.path("index").asText();
        JsonNode cause = first.has("cause") ? first.path("cause") : first.path("reason");
        return "Elasticsearch reported " + failures.size() + (failures.size() == 1 ? " failure" : " failures")
                + "; the first, " + where + " (HTTP " + first.path("status").asText() + "): " + errorText(cause);
    }

    /** An {@code error} as Elasticsearch gives it: {@code {"type","reason"}}, or plain text. */
    private static String errorText(JsonNode error) {
        return error.isObject()
                ? error.path("type").asText() + ": " + error.path("reason").asText()
                : error.asText();
    }

    private static String quote(String text) {
        return text.length() <= QUOTED ? text : text.substring(0, QUOTED) + "...";
    }

    /** The node only: the authorization stays out of logs. */
    @Override
    public String toString() {
        return "ElasticsearchRest[" + url + "]";
    }
}
