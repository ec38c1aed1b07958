package io.vigil.query.notify;

import java.time.Duration;

/**
 * What a receiver made of one request.
 *
 * @param status     the HTTP status, or 0 when there was no answer (refused, reset, timed out)
 * @param retryAfter the receiver's Retry-After, or null
 * @param permanent  a refusal that no retry can fix (a 4xx other than 408, 425, 429): dead at once
 * @param error      what went wrong, secrets removed; null when delivered
 */
record Outcome(boolean delivered, int status, Duration retryAfter, boolean permanent, String error) {}
