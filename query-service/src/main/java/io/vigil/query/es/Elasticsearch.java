package io.vigil.query.es;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.WarningsHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The few Elasticsearch calls the service makes, over the low-level client. Request bodies are
 * Jackson trees (never text pasted together from user input); answers are parsed with Jackson.
 */
@Singleton
public class Elasticsearch {
    private static final Logger LOG = LoggerFactory.getLogger(Elasticsearch.class);
    private static final int PING_TIMEOUT_MS = 5_000;

    private final RestClient client;
    private final ObjectMapper mapper;
    private final RequestOptions options;
    private final RequestOptions pingOptions;
    /** Warnings (deprecations) already logged: ES repeats them on every call; log each once. */
    private final Set<String> seenWarnings = ConcurrentHashMap.newKeySet();

    public Elasticsearch(RestClient client) {
        this.client = client;
        this.mapper = new ObjectMapper();
        WarningsHandler logOnce = this::logWarningsOnce;
        this.options = RequestOptions.DEFAULT.toBuilder().setWarningsHandler(logOnce).build();
        this.pingOptions = options.toBuilder().setRequestConfig(RequestConfig.custom()
                .setConnectTimeout(PING_TIMEOUT_MS).setSocketTimeout(PING_TIMEOUT_MS).build()).build();
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
        request.setOptions(options);
        try {
            request.setJsonEntity(mapper.writeValueAsString(body));
            Response response = client.performRequest(request);
            return Optional.of(mapper.readTree(response.getEntity().getContent()));
        } catch (ResponseException e) {
            int status = e.getResponse().getStatusLine().getStatusCode();
            String error = errorText(e.getResponse());
            if (status == 404 && error.contains("index_not_found")) {
                return Optional.empty();
            }
            LOG.warn("Elasticsearch answered {} to a search of {}: {}", status, index, error);
            if (status >= 500) {
                throw new ElasticsearchUnavailableException("Elasticsearch failed (status " + status + ")", e);
            }
            throw new ElasticsearchRejectedException("Elasticsearch refused the search (status " + status + ")", e);
        } catch (IOException e) {
            LOG.warn("Elasticsearch is not reachable: {}", e.toString());
            throw new ElasticsearchUnavailableException("Elasticsearch is not reachable", e);
        }
    }

    private String errorText(Response response) {
        try {
            JsonNode error = mapper.readTree(response.getEntity().getContent()).path("error");
            JsonNode root = error.path("root_cause").path(0);
            String type = error.path("type").asText("");
            String reason = (root.isMissingNode() ? error : root).path("reason").asText("");
            return type + (reason.isEmpty() ? "" : ": " + reason);
        } catch (IOException | RuntimeException e) {
            return "(no error body)";
        }
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
