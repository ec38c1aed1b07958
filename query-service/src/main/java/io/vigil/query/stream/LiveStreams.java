package io.vigil.query.stream;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.http.sse.Event;
import io.micronaut.security.authentication.Authentication;
import io.vigil.query.es.Elasticsearch;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Turns a {@link StreamPoller} into a Server-Sent Events stream: one poll per
 * {@code vigil.stream.poll-interval} on a blocking-friendly scheduler, a heartbeat comment when
 * nothing was sent for {@code vigil.stream.heartbeat} (keeps proxies from closing an idle
 * connection), caps on open streams (per user, 429, and overall, 503), and an end when the caller's token expires (a stream must
 * not outlive the authorization it was opened with; EventSource then reconnects with a new one).
 * A failed poll (Elasticsearch away) is logged and retried on the next tick.
 */
@Singleton
public class LiveStreams {
    private static final Logger LOG = LoggerFactory.getLogger(LiveStreams.class);
    static final Duration RETRY = Duration.ofSeconds(3);

    private final StreamConfig config;
    private final Elasticsearch elasticsearch;
    private final Clock clock = Clock.systemUTC();
    private final AtomicInteger open = new AtomicInteger();
    private final Map<String, AtomicInteger> perUser = new ConcurrentHashMap<>();
    private final Scheduler polling = Schedulers.boundedElastic();

    public LiveStreams(StreamConfig config, Elasticsearch elasticsearch) {
        this.config = config;
        this.elasticsearch = elasticsearch;
    }

    public StreamConfig config() {
        return config;
    }

    public int openStreams() {
        return open.get();
    }

    /** A poller of {@code source} with this service's settle delay and batch size. */
    public <T> StreamPoller<T> poller(StreamSource<T> source) {
        return new StreamPoller<>(elasticsearch, source, config.settle(), config.batch());
    }

    /** The items of {@code poller} and heartbeats (events without data), each item as its own record type. */
    public Flux<Event<?>> stream(StreamPoller<?> poller, Authentication authentication) {
        String user = authentication.getName();
        AtomicInteger mine = perUser.computeIfAbsent(user, k -> new AtomicInteger());
        if (mine.incrementAndGet() > config.maxOpenPerUser()) {
            release(user);
            throw new HttpStatusException(
                    HttpStatus.TOO_MANY_REQUESTS,
                    "you have " + config.maxOpenPerUser() + " streams open already; close one first");
        }
        if (open.incrementAndGet() > config.maxOpen()) {
            open.decrementAndGet();
            release(user);
            throw new HttpStatusException(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "too many open streams (" + config.maxOpen() + "); try again later");
        }
        AtomicLong lastSent = new AtomicLong(clock.millis());
        Flux<Event<?>> events = Flux.interval(Duration.ZERO, config.pollInterval())
                .onBackpressureDrop()
                .concatMap(
                        tick -> Mono.fromCallable(() -> pollOnce(poller, lastSent))
                                .subscribeOn(polling),
                        1)
                .<Event<?>>concatMapIterable(batch -> batch);
        Duration lifetime = lifetime(authentication);
        if (lifetime != null) {
            events = events.take(lifetime);
        }
        // The first event tells EventSource how long to wait before reconnecting.
        Event<?> hello = Event.of("").name("heartbeat").comment("connected").retry(RETRY);
        return Flux.concat(Flux.just(hello), events).doFinally(signal -> {
            open.decrementAndGet();
            release(user);
        });
    }

    private void release(String user) {
        perUser.computeIfPresent(user, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
    }

    private List<? extends Event<?>> pollOnce(StreamPoller<?> poller, AtomicLong lastSent) {
        long now = clock.millis();
        List<? extends Event<?>> batch;
        try {
            batch = poller.poll(Instant.ofEpochMilli(now));
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                return List.of(); // the client went away while the poll ran
            }
            LOG.warn("A stream poll failed; retrying on the next tick: {}", e.toString());
            batch = List.of();
        }
        if (!batch.isEmpty()) {
            lastSent.set(now);
            return batch;
        }
        if (now - lastSent.get() >= config.heartbeat().toMillis()) {
            lastSent.set(now);
            return List.of(Event.of("").name("heartbeat").comment("heartbeat"));
        }
        return List.of();
    }

    /** Time left until the token's {@code exp}, or null when it has none. */
    private Duration lifetime(Authentication authentication) {
        Object exp = authentication.getAttributes().get("exp");
        long expMillis;
        if (exp instanceof Date date) {
            expMillis = date.getTime();
        } else if (exp instanceof Number seconds) {
            expMillis = seconds.longValue() * 1000;
        } else {
            return null;
        }
        return Duration.ofMillis(Math.max(0, expMillis - clock.millis()));
    }
}
