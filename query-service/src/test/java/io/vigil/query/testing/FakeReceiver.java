package io.vigil.query.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * A local stand-in for Slack, PagerDuty or any webhook receiver, on 127.0.0.1 only: it records
 * every request (path, headers, body, time) and answers as scripted per path: 200 by default, or
 * queued answers (500, 429 with Retry-After, a hang past the client's timeout), or 503 while it is
 * "down". Nothing in the tests ever reaches the real services.
 */
public final class FakeReceiver implements AutoCloseable {
    /** A request as received, and the status it was answered with. */
    public record Received(String path, Map<String, String> headers, String body, Instant at, int status) {
        public boolean succeeded() {
            return status >= 200 && status < 300;
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** One scripted answer. */
    public record Answer(int status, String body, Map<String, String> headers, Duration delay) {
        public static Answer ok() {
            return new Answer(200, "ok", Map.of(), Duration.ZERO);
        }

        public static Answer status(int status) {
            return new Answer(status, "failure " + status, Map.of(), Duration.ZERO);
        }

        public static Answer tooManyRequests(int retryAfterSeconds) {
            return new Answer(
                    429, "rate limited", Map.of("Retry-After", Integer.toString(retryAfterSeconds)), Duration.ZERO);
        }

        /** Answers 200, but only after {@code delay}: past the sender's timeout, this is "no answer". */
        public static Answer hang(Duration delay) {
            return new Answer(200, "late", Map.of(), delay);
        }
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-receiver");
        t.setDaemon(true);
        return t;
    });
    private final List<Received> received = new ArrayList<>();
    private final Map<String, Deque<Answer>> scripts = new HashMap<>();
    private final Map<String, Instant> downUntil = new HashMap<>();
    private final Map<String, Answer> defaults = new HashMap<>();

    public FakeReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The next requests to {@code path} get these answers, in order; then 200 again. */
    public synchronized FakeReceiver script(String path, Answer... answers) {
        scripts.computeIfAbsent(path, p -> new ArrayDeque<>()).addAll(List.of(answers));
        return this;
    }

    /** Every request to {@code path} is answered with this (instead of 200) until changed. */
    public synchronized FakeReceiver always(String path, Answer answer) {
        defaults.put(path, answer);
        return this;
    }

    /** Requests to {@code path} get 503 until {@code until}. */
    public synchronized FakeReceiver downUntil(String path, Instant until) {
        downUntil.put(path, until);
        return this;
    }

    public synchronized List<Received> requests(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** Waits until at least {@code n} requests to {@code path} match, or fails after {@code timeout}. */
    public List<Received> await(String path, int n, Duration timeout) {
        return await(path, r -> true, n, timeout);
    }

    public List<Received> await(String path, Predicate<Received> which, int n, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<Received> matching = requests(path).stream().filter(which).toList();
            if (matching.size() >= n) {
                return matching;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("expected " + n + " requests to " + path + " within " + timeout + ", got "
                        + matching.size() + ": " + matching);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders()
                    .forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v)));
            String path = exchange.getRequestURI().getPath();
            Answer answer;
            synchronized (this) {
                Instant at = Instant.now();
                Deque<Answer> script = scripts.get(path);
                Instant down = downUntil.get(path);
                if (down != null && Instant.now().isBefore(down)) {
                    answer = Answer.status(503);
                } else if (script != null && !script.isEmpty()) {
                    answer = script.removeFirst();
                } else {
                    answer = defaults.getOrDefault(path, Answer.ok());
                }
                received.add(new Received(path, headers, body, at, answer.status()));
            }
            if (!answer.delay().isZero()) {
                try {
                    Thread.sleep(answer.delay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            } catch (IOException clientGone) {
                // the sender timed out and closed the connection: that is what a hang is for
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
