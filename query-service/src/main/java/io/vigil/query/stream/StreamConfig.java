package io.vigil.query.stream;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * Settings of the live streams ({@code vigil.stream.*}, defaults in application.yml); see
 * {@link StreamPoller} for what they mean.
 *
 * @param settle         how old (by {@code event.ingested}) a log must be before the stream passes it:
 *                       the job's bulk flush (≤ 1 s) plus the index refresh (1 s) may make a log
 *                       searchable after a later one
 * @param maxOpenPerUser open streams of one user at once (a dashboard tab opens one or two)
 * @param ticketTtl      how long a stream ticket stays valid if unused
 */
@ConfigurationProperties("vigil.stream")
public record StreamConfig(
        Duration pollInterval,
        Duration settle,
        Duration heartbeat,
        int maxOpen,
        int maxOpenPerUser,
        Duration ticketTtl,
        int batch) {}
