package io.vigil.embedded;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import org.codelibs.elasticsearch.runner.ElasticsearchClusterRunner;
import org.elasticsearch.common.settings.Settings;

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
        return start(dataDir, httpPort, settings -> {
            settings.put("transport.port", "0");
            settings.put("discovery.type", "single-node");
            // The runner prepares a multi-node cluster; single-node discovery refuses these.
            settings.remove("discovery.seed_hosts");
            settings.remove("cluster.initial_master_nodes");
            settings.putList("node.roles", "master", "data", "ingest");
        });
    }

    /**
     * One node of a cluster whose nodes run in JVMs of their own ({@code ./vigil up --cluster}).
     * Only {@code master} nodes are master-eligible, and the first of them bootstraps the cluster.
     * A cluster that must survive the loss of a master-eligible node needs three of them; the
     * cluster here has one, so only its other nodes may fail (docs/scaling.md).
     */
    public static EmbeddedElasticsearch startClusterNode(Path dataDir, ClusterNode node) throws IOException {
        return start(dataDir, node.httpPort(), settings -> {
            settings.put("node.name", node.name());
            settings.put("transport.port", node.transportPort());
            settings.putList("discovery.seed_hosts", node.seedHosts());
            settings.putList("cluster.initial_master_nodes", node.initialMaster());
            if (node.masterEligible()) {
                settings.putList("node.roles", "master", "data", "ingest");
            } else {
                settings.putList("node.roles", "data", "ingest");
            }
        });
    }

    /**
     * A cluster node: its name, ports, the transport addresses it looks for peers at, the name of
     * the master-eligible node that bootstraps the cluster, and whether it is master-eligible.
     */
    public record ClusterNode(
            String name,
            int httpPort,
            int transportPort,
            java.util.List<String> seedHosts,
            String initialMaster,
            boolean masterEligible) {}

    private static EmbeddedElasticsearch start(Path dataDir, int httpPort, Consumer<Settings.Builder> discovery)
            throws IOException {
        Files.createDirectories(dataDir);
        EmbeddedElasticsearch es = new EmbeddedElasticsearch(httpPort);
        es.runner.setMaxHttpPort(-1);
        es.runner
                .onBuild((number, settings) -> {
                    settings.put("http.port", httpPort);
                    settings.put("network.host", "127.0.0.1");
                    discovery.accept(settings);
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
