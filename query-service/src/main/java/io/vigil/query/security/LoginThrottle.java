package io.vigil.query.security;

import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Slows down and then locks password guessing, per user name and per client address (see
 * {@link LoginThrottleConfig}). Unknown user names are tracked like real ones, so the answers do
 * not tell which names exist. Kept in memory: a restart forgets, which is acceptable for a
 * single-instance service (the bcrypt cost still bounds guessing). Locks are logged; passwords
 * never are.
 */
@Singleton
public class LoginThrottle {
    private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);
    /** Bounds the memory a flood of made-up names or addresses can take. */
    static final int MAX_TRACKED = 100_000;

    private final LoginThrottleConfig config;
    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final AtomicLong calls = new AtomicLong();

    public LoginThrottle(LoginThrottleConfig config) {
        this(config, Clock.systemUTC());
    }

    LoginThrottle(LoginThrottleConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** Failed attempts of one key within the window, and a lock end (epoch millis, 0 when none). */
    private static final class Failures {
        final Deque<Long> times = new ArrayDeque<>();
        long lockedUntil;
    }

    /** How long the caller must wait before trying again when locked, else empty. */
    public Optional<Duration> lockedFor(String user, String address) {
        long now = clock.millis();
        long until = Math.max(lockEnd(userKey(user)), lockEnd(addressKey(address)));
        return until > now ? Optional.of(Duration.ofMillis(until - now)) : Optional.empty();
    }

    /** The pause to make before checking the password, growing with the recent failures. */
    public Duration delayFor(String user, String address) {
        int recent = Math.max(recentCount(userKey(user)), recentCount(addressKey(address)));
        int over = recent - config.getSlowDownAfter() + 1;
        if (over <= 0) {
            return Duration.ZERO;
        }
        Duration delay = config.getDelayStep().multipliedBy(over);
        return delay.compareTo(config.getMaxDelay()) > 0 ? config.getMaxDelay() : delay;
    }

    public void failed(String user, String address) {
        housekeeping();
        record(userKey(user), config.getUserLockAfter(), "user '" + user + "'");
        record(addressKey(address), config.getAddressLockAfter(), "address " + address);
    }

    /** A good password clears the user's count (not the address's: it may still be guessing others). */
    public void succeeded(String user) {
        failures.remove(userKey(user));
    }

    private void record(String key, int lockAfter, String what) {
        long now = clock.millis();
        Failures f = failures.computeIfAbsent(key, k -> new Failures());
        synchronized (f) {
            prune(f, now);
            f.times.addLast(now);
            if (f.times.size() >= lockAfter && f.lockedUntil <= now) {
                f.lockedUntil = now + config.getLockDuration().toMillis();
                f.times.clear();
                LOG.warn("Login locked for {} for {} s after {} failed attempts", what,
                        config.getLockDuration().toSeconds(), lockAfter);
            }
        }
    }

    private long lockEnd(String key) {
        Failures f = failures.get(key);
        if (f == null) {
            return 0;
        }
        synchronized (f) {
            return f.lockedUntil;
        }
    }

    private int recentCount(String key) {
        Failures f = failures.get(key);
        if (f == null) {
            return 0;
        }
        synchronized (f) {
            prune(f, clock.millis());
            return f.times.size();
        }
    }

    private void prune(Failures f, long now) {
        long oldest = now - config.getWindow().toMillis();
        while (!f.times.isEmpty() && f.times.peekFirst() < oldest) {
            f.times.removeFirst();
        }
    }

    /** Drops entries with nothing recent and no lock, now and then (or at once when too many). */
    private void housekeeping() {
        if (calls.incrementAndGet() % 1000 != 0 && failures.size() < MAX_TRACKED) {
            return;
        }
        long now = clock.millis();
        failures.entrySet().removeIf(e -> {
            Failures f = e.getValue();
            synchronized (f) {
                prune(f, now);
                return f.times.isEmpty() && f.lockedUntil <= now;
            }
        });
    }

    private static String userKey(String user) {
        return "u:" + user;
    }

    private static String addressKey(String address) {
        return "a:" + address;
    }
}
