package io.vigil.query.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.common.IndexTemplates;
import io.vigil.common.Indices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Puts test data into the real Elasticsearch node the way the job does: the real index templates
 * of common ({@link IndexTemplates}), then documents through the HTTP bulk API.
 */
public final class EsSeeder {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;
    private final Indices indices;

    public EsSeeder(String url, String prefix) {
        this.url = url;
        this.indices = new Indices(prefix);
    }

    public Indices indices() {
        return indices;
    }

    /** Installs every template of the prefix and removes its indices from a previous run. */
    public EsSeeder reset() {
        send("DELETE", "/" + indices.prefix() + "-*", null);
        for (Map.Entry<String, String> template :
                IndexTemplates.forPrefix(indices.prefix()).entrySet()) {
            HttpResponse<String> r = send("PUT", "/_index_template/" + template.getKey(), template.getValue());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("template " + template.getKey() + ": " + r.body());
            }
        }
        return this;
    }

    /** A document to index: into {@code index} under {@code id}. */
    public record Doc(String index, String id, ObjectNode source) {}

    /** Bulk-indexes the documents (in chunks), failing on any item error; no refresh. */
    public void bulk(List<Doc> docs) {
        StringBuilder body = new StringBuilder();
        int inBody = 0;
        for (Doc doc : docs) {
            ObjectNode action = JSON.createObjectNode();
            action.putObject("index").put("_index", doc.index()).put("_id", doc.id());
            body.append(action).append('\n').append(doc.source()).append('\n');
            if (++inBody == 5_000) {
                sendBulk(body.toString());
                body.setLength(0);
                inBody = 0;
            }
        }
        if (inBody > 0) {
            sendBulk(body.toString());
        }
    }

    private void sendBulk(String body) {
        HttpResponse<String> r = send("POST", "/_bulk", body);
        try {
            JsonNode answer = JSON.readTree(r.body());
            if (r.statusCode() != 200 || answer.path("errors").asBoolean(true)) {
                throw new IllegalStateException("bulk failed: "
                        + r.body().substring(0, Math.min(2000, r.body().length())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes everything indexed so far searchable. */
    public void refresh() {
        send("POST", "/" + indices.prefix() + "-*/_refresh", "");
    }

    /** Any request, for the odd setting a test needs. */
    public HttpResponse<String> send(String method, String path, String json) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofMinutes(2));
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", path.endsWith("_bulk") ? "application/x-ndjson" : "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
