package io.vigil.query.stream;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** Settings of the live streams ({@code vigil.stream.*}); see {@link StreamPoller} for what they mean. */
@ConfigurationProperties("vigil.stream")
public class StreamConfig {
    private Duration pollInterval = Duration.ofSeconds(1);
    /**
     * How old (by {@code event.ingested}) a log must be before the stream passes it: the job's bulk
     * flush (≤ 1 s) plus the index refresh (1 s) may make a log searchable after a later one.
     */
    private Duration settle = Duration.ofSeconds(3);

    private Duration heartbeat = Duration.ofSeconds(15);
    private int maxOpen = 100;
    /** Open streams of one user at once (a dashboard tab opens one or two). */
    private int maxOpenPerUser = 10;
    /** How long a stream ticket stays valid if unused. */
    private Duration ticketTtl = Duration.ofSeconds(30);

    private int batch = 500;

    public Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    public Duration getSettle() {
        return settle;
    }

    public void setSettle(Duration settle) {
        this.settle = settle;
    }

    public Duration getHeartbeat() {
        return heartbeat;
    }

    public void setHeartbeat(Duration heartbeat) {
        this.heartbeat = heartbeat;
    }

    public int getMaxOpen() {
        return maxOpen;
    }

    public void setMaxOpen(int maxOpen) {
        this.maxOpen = maxOpen;
    }

    public int getMaxOpenPerUser() {
        return maxOpenPerUser;
    }

    public void setMaxOpenPerUser(int maxOpenPerUser) {
        this.maxOpenPerUser = maxOpenPerUser;
    }

    public Duration getTicketTtl() {
        return ticketTtl;
    }

    public void setTicketTtl(Duration ticketTtl) {
        this.ticketTtl = ticketTtl;
    }

    public int getBatch() {
        return batch;
    }

    public void setBatch(int batch) {
        this.batch = batch;
    }
}
