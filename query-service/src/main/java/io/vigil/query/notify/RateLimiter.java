package io.vigil.query.notify;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;

/**
 * A sliding window over one channel's recent requests. Excess notifications are never dropped:
 * they wait for the window, and on a grouping channel (Slack) join the next message.
 */
final class RateLimiter {
    private final RateLimit limit;
    private final Deque<Instant> sent = new ArrayDeque<>();

    RateLimiter(RateLimit limit) {
        this.limit = limit;
    }

    /** Requests already made (found in the notifications index after a restart), oldest first. */
    void seed(Collection<Instant> times) {
        times.stream().sorted().forEach(sent::addLast);
    }

    /** The earliest time another request may be made: {@code now} when the window has room. */
    Instant nextFree(Instant now) {
        Instant windowStart = now.minus(limit.per());
        while (!sent.isEmpty() && !sent.peekFirst().isAfter(windowStart)) {
            sent.removeFirst();
        }
        if (sent.size() < limit.messages()) {
            return now;
        }
        // The request that leaves the window first makes room.
        return sent.toArray(new Instant[0])[sent.size() - limit.messages()].plus(limit.per());
    }

    void record(Instant at) {
        sent.addLast(at);
    }
}
