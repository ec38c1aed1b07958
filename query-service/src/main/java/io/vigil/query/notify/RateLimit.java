package io.vigil.query.notify;

import java.time.Duration;

/** At most {@code messages} HTTP requests to a channel within any {@code per}. */
record RateLimit(int messages, Duration per) {}
