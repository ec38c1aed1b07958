package io.vigil.job;

import io.vigil.common.IndexTemplates;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Installs the index templates before the job's first write, so Elasticsearch never guesses a
 * mapping. PUT is idempotent: every submission re-installs them, which is how template changes
 * reach an existing cluster (they apply to indices created afterwards, i.e. the next day's).
 */
public final class IndexTemplateInstaller {
    private IndexTemplateInstaller() {}

    public static void install(List<String> esHosts, String prefix) throws IOException, InterruptedException {
        install(esHosts, prefix, IndexTemplates.DEFAULT_LOGS_REFRESH);
    }

    public static void install(List<String> esHosts, String prefix, String logsRefresh)
            throws IOException, InterruptedException {
        install(esHosts, prefix, logsRefresh, null);
    }

    /** @param authorization an {@code Authorization} header value for a secured cluster, or null */
    public static void install(List<String> esHosts, String prefix, String logsRefresh, String authorization)
            throws IOException, InterruptedException {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        IOException last = null;
        for (String host : esHosts) {
            try {
                for (Map.Entry<String, String> template :
                        IndexTemplates.forPrefix(prefix, logsRefresh).entrySet()) {
                    HttpRequest.Builder put = HttpRequest.newBuilder(
                                    URI.create(stripSlash(host) + "/_index_template/" + template.getKey()))
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofString(template.getValue()));
                    if (authorization != null) {
                        put.header("Authorization", authorization);
                    }
                    HttpResponse<String> response = http.send(put.build(), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() / 100 != 2) {
                        throw new IOException("Elasticsearch at " + host + " refused index template "
                                + template.getKey() + ": HTTP " + response.statusCode() + " " + response.body());
                    }
                }
                return;
            } catch (IOException e) {
                last = e; // try the next host
            }
        }
        throw new IOException("could not install index templates on any of " + esHosts, last);
    }

    private static String stripSlash(String host) {
        return host.endsWith("/") ? host.substring(0, host.length() - 1) : host;
    }
}
