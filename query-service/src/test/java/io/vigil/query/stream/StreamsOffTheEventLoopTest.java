package io.vigil.query.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.vigil.query.ServiceTestSupport;
import io.vigil.query.testing.SseClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Opening streams never blocks the server's event loop on Elasticsearch: here Elasticsearch
 * accepts connections and never answers (a hung node), a dozen alert streams are opened at once,
 * and the server must still answer everything else at once.
 */
@MicronautTest
class StreamsOffTheEventLoopTest extends ServiceTestSupport {
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final ServerSocket hungElasticsearch = listen();

    private ServerSocket listen() {
        try {
            ServerSocket socket = new ServerSocket(0);
            Thread accept = new Thread(
                    () -> {
                        while (!socket.isClosed()) {
                            try {
                                held.add(socket.accept()); // read nothing, answer nothing
                            } catch (IOException closed) {
                                return;
                            }
                        }
                    },
                    "hung-elasticsearch");
            accept.setDaemon(true);
            accept.start();
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of(
                "vigil.es-url",
                "http://127.0.0.1:" + hungElasticsearch.getLocalPort(),
                "vigil.stream.max-open-per-user",
                "50");
    }

    @AfterAll
    void closeSockets() throws IOException {
        hungElasticsearch.close();
        for (Socket s : held) {
            s.close();
        }
    }

    @Test
    void openingStreamsWhileElasticsearchHangsLeavesTheServerAnswering() throws Exception {
        String token = tokenFor("admin", ADMIN_PASSWORD);
        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<SseClient> streams = new CopyOnWriteArrayList<>();
        try {
            List<CompletableFuture<?>> opening = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                opening.add(CompletableFuture.runAsync(
                        () -> streams.add(SseClient.open(
                                server.getURL() + "/alerts/stream", Map.of("Authorization", "Bearer " + token))),
                        pool));
            }
            Thread.sleep(1_000); // every stream has reached the server
            long start = System.nanoTime();
            CompletableFuture<Reply> me = CompletableFuture.supplyAsync(
                    () -> call(HttpRequest.GET("/me").bearerAuth(token)));
            Reply answer = me.get(5, TimeUnit.SECONDS);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(200, answer.status(), answer.body());
            assertTrue(millis < 3_000, "answered in " + millis + " ms");
            CompletableFuture.allOf(opening.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
            streams.forEach(s -> assertEquals(200, s.status(), "the streams opened, and wait for Elasticsearch"));
        } finally {
            streams.forEach(SseClient::close);
            pool.shutdownNow();
        }
    }
}
