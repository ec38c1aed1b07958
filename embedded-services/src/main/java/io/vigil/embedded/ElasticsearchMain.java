package io.vigil.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java io.vigil.embedded.ElasticsearchMain PORT DATA_DIR}: one embedded Elasticsearch node
 * in a JVM of its own, for tests whose JVM cannot host it (the query service's Micronaut runs on
 * Netty 4.2, Elasticsearch 7.10 on Netty 4.1).
 *
 * <p>Prints {@value #READY_PREFIX}URL on stdout once the node answers HTTP. Stops when its
 * standard input closes (the parent test JVM died or closed the pipe) or on SIGTERM, so a
 * crashed test run never leaves a node behind.
 */
public final class ElasticsearchMain {
    public static final String READY_PREFIX = "ELASTICSEARCH READY ";

    private ElasticsearchMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: ElasticsearchMain PORT DATA_DIR");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        EmbeddedElasticsearch es = EmbeddedElasticsearch.start(Path.of(args[1]), port);
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            closeQuietly(es);
                            stop.countDown();
                        },
                        "elasticsearch-stop"));
        System.out.println(READY_PREFIX + es.url());
        System.out.flush();

        Thread stdinWatch = new Thread(
                () -> {
                    awaitEof(System.in);
                    System.exit(0); // runs the shutdown hook
                },
                "stdin-watch");
        stdinWatch.setDaemon(true);
        stdinWatch.start();
        stop.await();
    }

    private static void awaitEof(InputStream in) {
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // nothing is expected on stdin; only its end matters
            }
        } catch (IOException e) {
            // a broken pipe means the parent is gone, as EOF does
        }
    }

    private static void closeQuietly(EmbeddedElasticsearch es) {
        try {
            es.close();
        } catch (IOException | RuntimeException e) {
            System.err.println("Elasticsearch did not stop cleanly: " + e);
        }
    }
}
