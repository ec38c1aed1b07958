package io.vigil.query.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Guesses racing each other through {@link LoginThrottle#begin}: however they interleave, no more
 * of them reach the password check than the lock allows. (CI once saw five of sixteen parallel
 * HTTP guesses checked with a limit of four: two had both passed the lock check before either
 * recorded its attempt.)
 */
class LoginThrottleRaceTest {
    private static final int LOCK_AFTER = 4;
    private static final int THREADS = 16;

    @Test
    void parallelGuessesNeverGetMoreChecksThanTheLockAllows() throws Exception {
        for (int round = 0; round < 300; round++) {
            // the shipped defaults but for the per-user lock; the address limits are out of reach
            LoginThrottleConfig config = new LoginThrottleConfig(
                    Duration.ofMinutes(15), // window
                    3, // slowDownAfter
                    Duration.ofSeconds(1), // delayStep
                    Duration.ofSeconds(5), // maxDelay
                    LOCK_AFTER, // userLockAfter
                    1000, // addressLockAfter
                    Duration.ofMinutes(5), // lockDuration
                    4, // maxConcurrent
                    1000, // maxConcurrentPerAddress
                    Duration.ofSeconds(2)); // concurrentWait
            LoginThrottle throttle = new LoginThrottle(config);
            CyclicBarrier go = new CyclicBarrier(THREADS);
            AtomicInteger admitted = new AtomicInteger();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Thread thread = new Thread(() -> {
                    try {
                        go.await();
                        if (throttle.begin("operator", "127.0.0.5") instanceof LoginThrottle.Admitted a) {
                            admitted.incrementAndGet();
                            a.close();
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                thread.start();
                threads.add(thread);
            }
            for (Thread thread : threads) {
                thread.join();
            }
            assertEquals(LOCK_AFTER, admitted.get(), "guesses admitted in round " + round);
        }
    }
}
