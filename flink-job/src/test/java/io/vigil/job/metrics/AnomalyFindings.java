package io.vigil.job.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;

/**
 * Builds the findings the detectors hand to the alert emitter, so a test names only what its
 * alert depends on. Unless told otherwise a finding is MEDIUM and sits in the first 1-minute
 * window of an episode that starts at {@link #EPISODE}.
 */
final class AnomalyFindings {
    static final long EPISODE = Instant.parse("2026-03-01T10:00:00Z").toEpochMilli();
    private static final long WINDOW = Duration.ofMinutes(1).toMillis();

    private final AnomalyFinding f = new AnomalyFinding();

    private AnomalyFindings() {}

    /** A finding of {@code detector} on {@code metric} (null for the forest) of {@code host}. */
    static AnomalyFindings finding(String detector, String metric, String host) {
        AnomalyFindings b = new AnomalyFindings();
        b.f.detector = detector;
        b.f.metric = metric;
        b.f.host = host;
        b.f.severity = "MEDIUM";
        b.f.episodeSeverity = "MEDIUM";
        b.f.summary = detector + " anomaly on " + host;
        b.f.context = new LinkedHashMap<>();
        return b.episodeFrom(EPISODE).window(1);
    }

    /** Moves the episode, and the window within it, to start at {@code episodeStart}. */
    AnomalyFindings episodeFrom(long episodeStart) {
        f.episodeStart = episodeStart;
        return window((int) f.episodeCount);
    }

    /** The {@code n}-th 1-minute window of the episode (counting from 1): the alert's count and last_seen. */
    AnomalyFindings window(int n) {
        f.episodeCount = n;
        f.windowStart = f.episodeStart + (n - 1) * WINDOW;
        f.windowEnd = f.windowStart + WINDOW;
        return this;
    }

    /** The severity of this window, and the highest of the episode so far (the alert's). */
    AnomalyFindings severity(String window, String episode) {
        f.severity = window;
        f.episodeSeverity = episode;
        return this;
    }

    AnomalyFindings hostGroup(String hostGroup) {
        f.hostGroup = hostGroup;
        return this;
    }

    /** What the detector saw, the band it expected (NaN where it has no bound), and how it says so. */
    AnomalyFindings observed(double observed, double expectedLow, double expectedHigh, String summary) {
        f.observed = observed;
        f.expectedLow = expectedLow;
        f.expectedHigh = expectedHigh;
        f.summary = summary;
        return this;
    }

    /** A detector detail for the alert's context, in the order given. */
    AnomalyFindings context(String key, Object value) {
        f.context.put(key, value);
        return this;
    }

    AnomalyFinding build() {
        return f;
    }
}
