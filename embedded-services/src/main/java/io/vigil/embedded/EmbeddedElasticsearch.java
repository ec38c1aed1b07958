package io.vigil.embedded;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.codelibs.elasticsearch.runner.ElasticsearchClusterRunner;

/**
 * A real Elasticsearch 7.10.2 node in this JVM, with its data under a directory that survives
 * restarts. Single node, no disk watermarks (a developer's nearly full disk must not turn the
 * indices read-only), and the ingest role on (the benchmark's grok pipeline needs it).
 */
public final class EmbeddedElasticsearch implements AutoCloseable {
    private final ElasticsearchClusterRunner runner = new ElasticsearchClusterRunner();
    private final int httpPort;

    private EmbeddedElasticsearch(int httpPort) {
        this.httpPort = httpPort;
    }

    public static EmbeddedElasticsearch start(Path dataDir, int httpPort) throws IOException {
        Files.createDirectories(dataDir);
        EmbeddedElasticsearch es = new EmbeddedElasticsearch(httpPort);
        es.runner.setMaxHttpPort(-1);
        es.runner
                .onBuild((number, settings) -> {
                    settings.put("http.port", httpPort);
                    settings.put("transport.port", "0");
                    settings.put("network.host", "127.0.0.1");
                    settings.put("discovery.type", "single-node");
                    // The runner prepares a multi-node cluster; single-node discovery refuses these.
                    settings.remove("discovery.seed_hosts");
                    settings.remove("cluster.initial_master_nodes");
                    settings.putList("node.roles", "master", "data", "ingest");
                    settings.put("cluster.routing.allocation.disk.threshold_enabled", false);
                    settings.put("action.auto_create_index", true);
                    settings.put("http.cors.enabled", false);
                })
                .build(ElasticsearchClusterRunner.newConfigs()
                        .basePath(dataDir.toAbsolutePath().toString())
                        .clusterName("vigil")
                        .numOfNode(1)
                        .disableESLogger()
                        .printOnFailure());
        es.runner.ensureYellow();
        es.awaitHttp(Duration.ofSeconds(60));
        return es;
    }

    public int httpPort() {
        return httpPort;
    }

    public String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    private void awaitHttp(Duration timeout) throws IOException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create(url() + "/_cluster/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("Elasticsearch did not answer on " + url(), e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("Elasticsearch on " + url() + " is not healthy");
            }
            sleep(200);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        if (!runner.isClosed()) {
            runner.close();
        }
    }
}
