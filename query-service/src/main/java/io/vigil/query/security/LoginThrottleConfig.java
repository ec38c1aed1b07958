package io.vigil.query.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * Limits on password guessing ({@code vigil.login.*}, defaults in application.yml). Attempts are counted per
 * user name, per (user name, address) and per address over {@code window}; past the slow-down
 * mark every further attempt for the name (or from the address) waits longer; past the lock marks
 * the (name, address) pair or the address is locked for {@code lockDuration}.
 *
 * @param userLockAfter           failures of one user name from one address that lock that pair (never the
 *                                name everywhere)
 * @param addressLockAfter        higher than per user: one address (a NAT, a jump host) may serve several people
 * @param maxConcurrent           password checks (bcrypt, ~250 ms of a core each) running at once, over every client
 * @param maxConcurrentPerAddress logins under way at once from one address; more are 429 at once
 * @param concurrentWait          how long a login waits for one of the {@code maxConcurrent} slots before it is 429
 */
@ConfigurationProperties("vigil.login")
public record LoginThrottleConfig(
        Duration window,
        int slowDownAfter,
        Duration delayStep,
        Duration maxDelay,
        int userLockAfter,
        int addressLockAfter,
        Duration lockDuration,
        int maxConcurrent,
        int maxConcurrentPerAddress,
        Duration concurrentWait) {}
