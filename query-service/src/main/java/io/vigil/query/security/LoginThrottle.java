package io.vigil.query.security;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Limits password guessing (settings in {@link LoginThrottleConfig}):
 *
 * <ul>
 *   <li>Every attempt is <b>recorded before the password is checked</b>, as a failure until it
 *       succeeds: N guesses sent in parallel count as N at once, so none of them slips past a lock
 *       while the others are still in bcrypt.</li>
 *   <li>Locks are per <b>(user name, address)</b> and per address, never per user name alone: ten
 *       wrong passwords for {@code admin} from one client lock that client out of {@code admin},
 *       not the administrator, who can still log in from elsewhere. Per user name the answers
 *       only <b>slow down</b> (bounded by {@code max-delay}), which is what limits guessing one
 *       name from many addresses.</li>
 *   <li>At most {@code max-concurrent} password checks run at once (bcrypt is slow on purpose:
 *       unbounded, a flood of logins takes every core), and at most
 *       {@code max-concurrent-per-address} from one address; over that the answer is 429.</li>
 * </ul>
 *
 * Unknown user names are tracked like real ones, so the answers do not tell which names exist.
 * Kept in memory: a restart forgets, which is acceptable for a single-instance service (bcrypt
 * still bounds guessing). Locks are logged; passwords never are.
 */
@Singleton
public class LoginThrottle {
    private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);
    /** Bounds the memory a flood of made-up names or addresses can take. */
    static final int MAX_TRACKED = 100_000;

    private final LoginThrottleConfig config;
    private final Clock clock;
    private final Map<String, Attempts> attempts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Semaphore checks;
    private final AtomicLong calls = new AtomicLong();

    public LoginThrottle(LoginThrottleConfig config) {
        this(config, Clock.systemUTC());
    }

    LoginThrottle(LoginThrottleConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.checks = new Semaphore(config.maxConcurrent(), true);
    }

    /** Attempts of one key within the window, and a lock end (epoch millis, 0 when none). */
    private static final class Attempts {
        final Deque<Long> times = new ArrayDeque<>();
        long lockedUntil;
    }

    /** What {@link #begin} decided. */
    public sealed interface Admission permits Refused, Admitted {}

    /** Not now: locked, or too many logins at once; try again after {@code retryAfter}. */
    public record Refused(Duration retryAfter, String why) implements Admission {}

    /**
     * May go on to the password check, after {@link #delay()}. {@link #close()} must follow (it
     * releases the concurrency slots); {@link #succeeded()} before it when the password was right.
     */
    public final class Admitted implements Admission, AutoCloseable {
        private final String user;
        private final String address;
        private final long at;
        private final Duration delay;
        private boolean checking;
        private boolean closed;

        private Admitted(String user, String address, long at, Duration delay) {
            this.user = user;
            this.address = address;
            this.at = at;
            this.delay = delay;
        }

        /** The pause to make before checking the password, growing with the recent failures. */
        public Duration delay() {
            return delay;
        }

        /**
         * Waits for one of the {@code max-concurrent} password-check slots.
         *
         * @return false when none came free within {@code concurrent-wait} (answer 429)
         */
        public boolean awaitCheckSlot() throws InterruptedException {
            checking = checks.tryAcquire(config.concurrentWait().toMillis(), TimeUnit.MILLISECONDS);
            return checking;
        }

        /** The password was right: this attempt was no failure, and the name's failures are forgiven. */
        public void succeeded() {
            attempts.remove(userKey(user));
            attempts.remove(pairKey(user, address));
            forget(addressKey(address), at); // the address's other failures stay: it may guess other names
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (checking) {
                checks.release();
            }
            inFlight.computeIfPresent(address, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
        }
    }

    /**
     * Records the attempt (as a failure until {@link Admitted#succeeded()}) and says whether it may
     * go on. Refused when the (user, address) pair or the address is locked, or when the address
     * already has {@code max-concurrent-per-address} logins under way.
     */
    public Admission begin(String user, String address) {
        housekeeping();
        AtomicInteger running = inFlight.computeIfAbsent(address, k -> new AtomicInteger());
        if (running.incrementAndGet() > config.maxConcurrentPerAddress()) {
            inFlight.computeIfPresent(address, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
            return new Refused(Duration.ofSeconds(1), "too many logins at once from this address");
        }
        long now = clock.millis();
        Attempts pair = attempts.computeIfAbsent(pairKey(user, address), k -> new Attempts());
        Attempts byAddress = attempts.computeIfAbsent(addressKey(address), k -> new Attempts());
        int addressRecent;
        // The lock check and the recording are one step under both keys' monitors (always the pair's
        // first, so two logins never wait on each other in opposite orders): checked apart, parallel
        // guesses all passed the check before the one that locked was recorded, and one more
        // password than the lock allows was checked.
        synchronized (pair) {
            synchronized (byAddress) {
                prune(pair, now);
                prune(byAddress, now);
                long lockedUntil = Math.max(pair.lockedUntil, byAddress.lockedUntil);
                if (lockedUntil > now) {
                    inFlight.computeIfPresent(address, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
                    return new Refused(Duration.ofMillis(lockedUntil - now), "locked after repeated failures");
                }
                record(pair, config.userLockAfter(), now, "user '" + user + "' from " + address);
                addressRecent = record(byAddress, config.addressLockAfter(), now, "address " + address);
            }
        }
        int userRecent = record(userKey(user), Integer.MAX_VALUE, now, null);
        // This attempt is counted already: the delay grows with the ones before it.
        return new Admitted(user, address, now, delayFor(Math.max(userRecent, addressRecent) - 1));
    }

    private Duration delayFor(int recentFailures) {
        int over = recentFailures - config.slowDownAfter() + 1;
        if (over <= 0) {
            return Duration.ZERO;
        }
        Duration delay = config.delayStep().multipliedBy(over);
        return delay.compareTo(config.maxDelay()) > 0 ? config.maxDelay() : delay;
    }

    /** Adds an attempt; locks the key when it reaches {@code lockAfter}. @return attempts in the window, this one included */
    private int record(String key, int lockAfter, long now, String what) {
        return record(attempts.computeIfAbsent(key, k -> new Attempts()), lockAfter, now, what);
    }

    private int record(Attempts a, int lockAfter, long now, String what) {
        synchronized (a) {
            prune(a, now);
            a.times.addLast(now);
            int count = a.times.size();
            if (count >= lockAfter && a.lockedUntil <= now) {
                a.lockedUntil = now + config.lockDuration().toMillis();
                a.times.clear();
                LOG.warn(
                        "Login locked for {} for {} s after {} attempts without success",
                        what,
                        config.lockDuration().toSeconds(),
                        lockAfter);
            }
            return count;
        }
    }

    private void forget(String key, long at) {
        Attempts a = attempts.get(key);
        if (a != null) {
            synchronized (a) {
                a.times.removeFirstOccurrence(at);
            }
        }
    }

    private void prune(Attempts a, long now) {
        long oldest = now - config.window().toMillis();
        while (!a.times.isEmpty() && a.times.peekFirst() < oldest) {
            a.times.removeFirst();
        }
    }

    /** Drops entries with nothing recent and no lock, now and then (or at once when too many). */
    private void housekeeping() {
        if (calls.incrementAndGet() % 1000 != 0 && attempts.size() < MAX_TRACKED) {
            return;
        }
        long now = clock.millis();
        attempts.entrySet().removeIf(e -> {
            Attempts a = e.getValue();
            synchronized (a) {
                prune(a, now);
                return a.times.isEmpty() && a.lockedUntil <= now;
            }
        });
    }

    private static String userKey(String user) {
        return "u:" + user;
    }

    private static String pairKey(String user, String address) {
        return "p:" + address + " " + user;
    }

    private static String addressKey(String address) {
        return "a:" + address;
    }
}
