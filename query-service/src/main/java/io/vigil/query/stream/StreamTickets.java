package io.vigil.query.stream;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Short-lived, single-use tickets that open one live stream. A browser's EventSource cannot send
 * an Authorization header, so the stream's credential travels in the URL, where proxies, access
 * logs and the HTTPS redirect's {@code Location} may keep it: a ticket found there later is
 * worth nothing (used once, expired after {@code vigil.stream.ticket-ttl}, 30 s), unlike the
 * bearer token it was issued for.
 *
 * <p>A ticket carries the caller's whole authentication (roles, hosts, the token's expiry, so the
 * stream still ends when the token would). Kept in memory: the service is one instance, and a
 * restart only makes clients ask for a new ticket. Outstanding tickets are bounded per user and
 * overall, so asking for tickets cannot fill the memory.
 */
@Singleton
public class StreamTickets {
    /** Every ticket starts with this: the stream endpoints accept nothing else in the URL. */
    public static final String PREFIX = "vst_";

    static final int MAX_PER_USER = 20;
    static final int MAX_OUTSTANDING = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final StreamConfig config;
    private final Clock clock;
    private final Map<String, Entry> tickets = new ConcurrentHashMap<>();

    private record Entry(Authentication authentication, long expiresAt) {}

    /** What {@code POST /streams/tickets} answers. */
    public record Ticket(String value, Duration expiresIn) {}

    public StreamTickets(StreamConfig config) {
        this(config, Clock.systemUTC());
    }

    StreamTickets(StreamConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public static boolean looksLikeTicket(String token) {
        return token != null && token.startsWith(PREFIX);
    }

    /** A new ticket for this caller; 429 when they (or everyone together) hold too many unused ones. */
    public Ticket issue(Authentication caller) {
        long now = clock.millis();
        dropExpired(now);
        long mine = tickets.values().stream()
                .filter(e -> e.authentication().getName().equals(caller.getName()))
                .count();
        if (mine >= MAX_PER_USER || tickets.size() >= MAX_OUTSTANDING) {
            throw new HttpStatusException(
                    HttpStatus.TOO_MANY_REQUESTS, "too many unused stream tickets; use or let them expire first");
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String value = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        tickets.put(value, new Entry(caller, now + config.ticketTtl().toMillis()));
        return new Ticket(value, config.ticketTtl());
    }

    /** The authentication a ticket was issued for, once: the ticket is gone afterwards. */
    public Optional<Authentication> redeem(String value) {
        if (!looksLikeTicket(value)) {
            return Optional.empty();
        }
        Entry entry = tickets.remove(value);
        if (entry == null || entry.expiresAt() < clock.millis()) {
            return Optional.empty();
        }
        return Optional.of(entry.authentication());
    }

    private void dropExpired(long now) {
        for (Iterator<Entry> it = tickets.values().iterator(); it.hasNext(); ) {
            if (it.next().expiresAt() < now) {
                it.remove();
            }
        }
    }
}
