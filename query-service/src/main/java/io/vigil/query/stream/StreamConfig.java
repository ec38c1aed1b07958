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

    public int getBatch() {
        return batch;
    }

    public void setBatch(int batch) {
        this.batch = batch;
    }
}
