package io.vigil.query.notify;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Delay before the next attempt: exponential ({@code initial × 2^(attempts-1)}, at most {@code max})
 * with "equal jitter" (half fixed, half random), so many channels or instances failing together do
 * not retry in lockstep, yet no retry comes sooner than half the nominal delay. A receiver's
 * Retry-After is a floor (up to {@code maxRetryAfter}).
 */
final class Backoff {
    private final Duration initial;
    private final Duration max;
    private final Duration maxRetryAfter;
    private final DoubleSupplier random;

    Backoff(Duration initial, Duration max, Duration maxRetryAfter, DoubleSupplier random) {
        this.initial = initial;
        this.max = max;
        this.maxRetryAfter = maxRetryAfter;
        this.random = random;
    }

    /** @param attempts the attempts made so far (1 after the first failure) */
    Duration after(int attempts, Duration retryAfter) {
        long nominal = initial.toMillis();
        for (int i = 1; i < attempts && nominal < max.toMillis(); i++) {
            nominal *= 2;
        }
        nominal = Math.min(nominal, max.toMillis());
        long delay = nominal / 2 + (long) (random.getAsDouble() * (nominal - nominal / 2));
        if (retryAfter != null) {
            delay = Math.max(delay, Math.min(retryAfter.toMillis(), maxRetryAfter.toMillis()));
        }
        return Duration.ofMillis(delay);
    }
}
