package io.vigil.embedded;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.LongPredicate;

/**
 * The few Elasticsearch calls tests and the launcher need, over plain HTTP (the JDK client),
 * so they look at the node exactly as any outside client would.
 */
public final class ElasticsearchHttp {
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;

    public ElasticsearchHttp(String url) {
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public HttpResponse<String> get(String path) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(url + path)).GET());
    }

    public HttpResponse<String> post(String path, String json) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(url + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> put(String path, String json) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(url + path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Document count of an index or alias after a refresh; 0 when it does not exist yet. */
    public long count(String index) throws IOException {
        return count(index, null);
    }

    /** Count of the documents matching a Lucene query string ({@code field:value AND ...}). */
    public long count(String index, String luceneQuery) throws IOException {
        post("/" + index + "/_refresh", "");
        String query = luceneQuery == null
                ? ""
                : "?q=" + java.net.URLEncoder.encode(luceneQuery, java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<String> r = get("/" + index + "/_count" + query);
        if (r.statusCode() == 404) {
            return 0;
        }
        if (r.statusCode() != 200) {
            throw new IOException("count of " + index + " failed: HTTP " + r.statusCode() + " " + r.body());
        }
        String body = r.body();
        int at = body.indexOf("\"count\":") + 8;
        int end = at;
        while (end < body.length() && Character.isDigit(body.charAt(end))) {
            end++;
        }
        return Long.parseLong(body.substring(at, end));
    }

    /**
     * Polls the count until it satisfies the condition or the timeout passes; returns the last
     * count. A 503 while a new daily index's shard is still being allocated counts as not yet.
     */
    public long awaitCount(String index, LongPredicate condition, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long count = countOrZeroWhileAllocating(index);
        while (!condition.test(count) && System.nanoTime() < deadline) {
            EmbeddedElasticsearch.sleep(250);
            count = countOrZeroWhileAllocating(index);
        }
        return count;
    }

    private long countOrZeroWhileAllocating(String index) throws IOException {
        try {
            return count(index);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("HTTP 503")) {
                return 0;
            }
            throw e;
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
