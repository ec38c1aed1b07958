package io.vigil.query.notify;

import java.time.Duration;
import java.time.Instant;

/** A sleeping loop's alarm clock: it sleeps until a time, or until someone has news for it. */
final class Signal {
    private boolean raised;

    synchronized void raise() {
        raised = true;
        notifyAll();
    }

    /** Sleeps until {@code until} or a {@link #raise()}; returns at once if raised since the last sleep. */
    synchronized void sleepUntil(Instant until) throws InterruptedException {
        while (!raised) {
            long ms = Duration.between(Instant.now(), until).toMillis();
            if (ms <= 0) {
                break;
            }
            wait(ms);
        }
        raised = false;
    }
}
