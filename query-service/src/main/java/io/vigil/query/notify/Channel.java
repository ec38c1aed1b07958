package io.vigil.query.notify;

import java.time.Duration;

/**
 * One configured receiver: its route, quiet hours (or null), rate limit, grouping, request
 * timeout and target. {@code origin} says where it was configured (the file, or the environment).
 * {@code clearValues}: whether protected values (user names, command lines) reach it in clear, as
 * the clear roles see them, or masked, as viewers do (the default: a chat channel or a SaaS
 * receiver is read by more people than the dashboard).
 */
record Channel(
        String name,
        ChannelType type,
        Route route,
        QuietHours quietHours,
        RateLimit rateLimit,
        Grouping grouping,
        Duration timeout,
        Target target,
        String origin,
        boolean clearValues) {}
