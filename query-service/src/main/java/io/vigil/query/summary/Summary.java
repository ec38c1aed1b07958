package io.vigil.query.summary;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * {@code GET /metrics/summary} as CONTRACT.md shapes it. Averages are over samples (weighted by
 * each window's sample count); a value is null when the range holds no sample.
 */
@Serdeable
public record Summary(
        String from,
        String to,
        String interval,
        List<String> hosts,
        Cpu cpu_usage,
        Memory memory_usage,
        Network network,
        List<Point> series) {

    @Serdeable
    public record Cpu(
            @Nullable Double avg,
            @Nullable Double max,
            @Nullable Double p95) {}

    @Serdeable
    public record Memory(
            @Nullable Double avg_percentage, @Nullable Double max_percentage) {}

    @Serdeable
    public record Network(
            @Nullable Double avg_in_bytes_per_sec, @Nullable Double avg_out_bytes_per_sec) {}

    /** One bucket of the series; net_in / net_out are average bytes per second per sample, like the totals. */
    @Serdeable
    public record Point(
            String timestamp,
            @Nullable Double cpu_avg,
            @Nullable Double cpu_max,
            @Nullable Double memory_avg_percentage,
            @Nullable Double net_in,
            @Nullable Double net_out) {}
}
