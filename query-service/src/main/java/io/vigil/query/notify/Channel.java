package io.vigil.query.notify;

import java.time.Duration;

/**
 * One configured receiver: its route, quiet hours (or null), rate limit, grouping, request
 * timeout and target. {@code origin} says where it was configured (the file, or the environment).
 */
record Channel(String name, ChannelType type, Route route, QuietHours quietHours, RateLimit rateLimit,
               Grouping grouping, Duration timeout, Target target, String origin) {
}
