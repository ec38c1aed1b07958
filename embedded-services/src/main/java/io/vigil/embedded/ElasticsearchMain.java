package io.vigil.embedded;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code java io.vigil.embedded.ElasticsearchMain PORT DATA_DIR}: one embedded Elasticsearch node
 * in a JVM of its own, for tests whose JVM cannot host it (the query service's Micronaut runs on
 * Netty 4.2, Elasticsearch 7.10 on Netty 4.1).
 *
 * <p>{@code ... ElasticsearchMain PORT DATA_DIR NAME TRANSPORT_PORT SEEDS MASTER [master]}: one
 * node of a cluster ({@code ./vigil up --cluster}); SEEDS is a comma-separated list of
 * transport addresses, MASTER the name of the node that bootstraps the cluster, and a last
 * argument {@code master} makes this node master-eligible.
 *
 * <p>Prints {@value #READY_PREFIX}URL on stdout once the node answers HTTP. Stops when its
 * standard input closes (the parent test JVM died or closed the pipe) or on SIGTERM, so a
 * crashed test run never leaves a node behind.
 */
public final class ElasticsearchMain {
    public static final String READY_PREFIX = "ELASTICSEARCH READY ";

    private ElasticsearchMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2 && args.length != 6 && args.length != 7) {
            System.err.println("usage: ElasticsearchMain PORT DATA_DIR [NAME TRANSPORT_PORT SEEDS MASTER [master]]");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        Path dataDir = Path.of(args[1]);
        EmbeddedElasticsearch es = args.length == 2
                ? EmbeddedElasticsearch.start(dataDir, port)
                : EmbeddedElasticsearch.startClusterNode(
                        dataDir,
                        new EmbeddedElasticsearch.ClusterNode(
                                args[2],
                                port,
                                Integer.parseInt(args[3]),
                                List.of(args[4].split(",")),
                                args[5],
                                args.length == 7 && args[6].equals("master")));
        ParentWatch.serve(READY_PREFIX + es.url(), () -> closeQuietly(es));
    }

    private static void closeQuietly(EmbeddedElasticsearch es) {
        try {
            es.close();
        } catch (IOException | RuntimeException e) {
            System.err.println("Elasticsearch did not stop cleanly: " + e);
        }
    }
}
