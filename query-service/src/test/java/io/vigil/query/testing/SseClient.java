package io.vigil.query.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Server-Sent Events reader as a browser's EventSource would be: parses {@code id:},
 * {@code event:}, {@code data:} and comment lines into events, on a thread of its own.
 */
public final class SseClient implements AutoCloseable {
    /** One parsed event; comment lines are kept too, to see heartbeats. */
    public record SseEvent(String id, String name, String data, List<String> comments) {}

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int status;
    private final String body;
    private final InputStream stream;
    private final BlockingQueue<SseEvent> events = new LinkedBlockingQueue<>();
    private final java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);

    private SseClient(int status, String body, InputStream stream) {
        this.status = status;
        this.body = body;
        this.stream = stream;
    }

    /** Opens the stream; a non-200 answer is read whole and kept in {@link #body()}. */
    public static SseClient open(String url, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
        headers.forEach(request::header);
        try {
            HttpResponse<InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                try (InputStream in = response.body()) {
                    return new SseClient(
                            response.statusCode(), new String(in.readAllBytes(), StandardCharsets.UTF_8), null);
                }
            }
            SseClient client = new SseClient(200, "", response.body());
            Thread reader = new Thread(client::read, "sse-reader");
            reader.setDaemon(true);
            reader.start();
            return client;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int status() {
        return status;
    }

    public String body() {
        return body;
    }

    /** The next event with data (heartbeats skipped), or null after the timeout. */
    public SseEvent nextData(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            SseEvent event = events.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            if (event == null || (event.data() != null && !"heartbeat".equals(event.name()))) {
                return event;
            }
        }
    }

    /** The next event of any kind (heartbeats included), or null after the timeout. */
    public SseEvent next(Duration timeout) throws InterruptedException {
        return events.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String id = null;
            String name = null;
            StringBuilder data = null;
            List<String> comments = new ArrayList<>();
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data != null || !comments.isEmpty()) {
                        events.add(
                                new SseEvent(id, name, data == null ? null : data.toString(), List.copyOf(comments)));
                    }
                    id = null;
                    name = null;
                    data = null;
                    comments.clear();
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1).trim());
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1);
                    if (value.startsWith(" ")) {
                        value = value.substring(1);
                    }
                    switch (field) {
                        case "id" -> id = value;
                        case "event" -> name = value;
                        case "data" ->
                            data = data == null
                                    ? new StringBuilder(value)
                                    : data.append('\n').append(value);
                        default -> {}
                    }
                }
            }
        } catch (IOException closed) {
            // the test closed the stream
        } finally {
            ended.countDown();
        }
    }

    /** Whether the server ended the stream within the timeout. */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
