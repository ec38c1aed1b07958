package io.vigil.query.notify;

import java.time.Duration;

/**
 * How a burst becomes one message (Slack): the first notification of a channel waits {@code window} (the file's {@code wait}),
 * and every one that arrives meanwhile goes out with it, up to {@code max} alerts per message.
 */
record Grouping(Duration window, int max) {
    static final Grouping NONE = new Grouping(Duration.ZERO, 1);

    boolean groups() {
        return max > 1;
    }
}
