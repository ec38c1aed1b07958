package io.vigil.query.summary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.common.Durations;
import io.vigil.common.RollupFields;
import io.vigil.query.params.BadParameterException;
import io.vigil.query.params.Params;
import io.vigil.query.params.TimeExpression;
import io.vigil.query.search.Filters;
import io.vigil.query.search.HostScope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /metrics/summary} over the rollup indices, never over raw logs: one search with
 * aggregations. Averages are {@code sum(x_sum) / sum(samples)} (exactly the mean of the raw samples);
 * {@code max} is the largest window maximum (exact); {@code p95} is the sample-weighted mean of the
 * windows' p95 values, an estimate (percentiles do not combine exactly) that equals the true value
 * when the load is steady. 1-minute rollups answer ranges up to 24 h, 1-hour ones longer ranges;
 * the series' buckets are one rollup window unless {@code interval} asks for more ({@code 5m},
 * {@code 6h}, {@code 1d}: a whole number of rollup windows, merged with the same weighting).
 *
 * <p>Fleet figures add up the per-host rollup documents (those with a {@code host}); rollups of
 * host groups are left out so no sample counts twice.
 */
public final class SummaryQuery {
    static final Duration DEFAULT_RANGE = Duration.ofHours(1);
    static final Duration MINUTE_ROLLUPS_UP_TO = Duration.ofHours(24);
    static final int MAX_BUCKETS = 5_000;
    static final int MAX_HOSTS = 1_000;
    /** The longest bucket: the old grammar's four digits of days. */
    private static final Duration MAX_INTERVAL = Duration.ofDays(9999);

    private final Instant from;
    private final Instant to;

    private final String rollups;
    private final String interval;
    private final String host;
    private final HostScope scope;

    private SummaryQuery(Instant from, Instant to, String rollups, String interval, String host, HostScope scope) {
        this.from = from;
        this.to = to;
        this.rollups = rollups;
        this.interval = interval;
        this.host = host;
        this.scope = scope;
    }

    public static SummaryQuery parse(
            String host, String from, String to, String interval, HostScope scope, Instant now) {
        String checkedHost = Params.host("host", host);
        Instant end = to == null ? now : TimeExpression.parse("to", to, now);
        Instant start = from == null ? end.minus(DEFAULT_RANGE) : TimeExpression.parse("from", from, now);
        if (!start.isBefore(end)) {
            throw new BadParameterException("from", "must be before 'to'");
        }
        Duration range = Duration.between(start, end);
        String rollups = range.compareTo(MINUTE_ROLLUPS_UP_TO) <= 0 ? "1m" : "1h";
        Duration bucket = interval == null ? length(rollups) : bucket(interval);
        if (bucket.toMillis() % length(rollups).toMillis() != 0) {
            throw new BadParameterException(
                    "interval",
                    "must be a whole number of " + rollups
                            + (rollups.equals("1h") ? " for ranges over 24 h (1-hour rollups)" : ""));
        }
        long buckets = range.toMillis() / bucket.toMillis();
        if (buckets > MAX_BUCKETS) {
            throw new BadParameterException(
                    "interval",
                    "gives " + buckets + " buckets over this range; at most " + MAX_BUCKETS
                            + " (use a longer interval or a shorter range)");
        }
        return new SummaryQuery(start, end, rollups, format(bucket), checkedHost, scope);
    }

    /**
     * {@code 5m}, {@code 1h}, {@code 1d}: a duration in Vigil's one grammar ({@link Durations})
     * that is a whole number of minutes, at most {@link #MAX_INTERVAL}.
     */
    private static Duration bucket(String interval) {
        Duration d;
        try {
            d = Durations.parse(interval);
        } catch (IllegalArgumentException e) {
            d = Duration.ZERO;
        }
        if (d.isZero() || d.toMillis() % 60_000 != 0 || d.compareTo(MAX_INTERVAL) > 0) {
            throw new BadParameterException("interval", "must be a number of minutes, hours or days: 1m, 5m, 1h, 1d");
        }
        return d;
    }

    private static String format(Duration bucket) {
        if (bucket.toMinutes() % (24 * 60) == 0) {
            return bucket.toDays() + "d";
        }
        return bucket.toMinutes() % 60 == 0 ? bucket.toHours() + "h" : bucket.toMinutes() + "m";
    }

    static Duration length(String rollups) {
        return rollups.equals("1m") ? Duration.ofMinutes(1) : Duration.ofHours(1);
    }

    /** Which rollup index answers: 1m or 1h. */
    public String rollups() {
        return rollups;
    }

    public String interval() {
        return interval;
    }

    public ObjectNode searchBody(ObjectMapper mapper) {
        Filters filters = new Filters(mapper)
                .exists(RollupFields.HOST)
                .host(RollupFields.HOST, host)
                .range(RollupFields.TIMESTAMP, from, to);
        scope.addTo(filters);
        ObjectNode body = mapper.createObjectNode();
        body.put("size", 0);
        body.set("query", filters.toQuery());
        ObjectNode aggs = body.putObject("aggs");
        addTotals(aggs);
        aggs.putObject("hosts")
                .putObject("terms")
                .put("field", RollupFields.HOST)
                .put("size", MAX_HOSTS)
                .putObject("order")
                .put("_key", "asc");
        ObjectNode histogram = aggs.putObject("series");
        histogram
                .putObject("date_histogram")
                .put("field", RollupFields.TIMESTAMP)
                .put("fixed_interval", interval)
                .put("min_doc_count", 1);
        addTotals(histogram.putObject("aggs"));
        return body;
    }

    private static void addTotals(ObjectNode aggs) {
        sum(aggs, RollupFields.SAMPLES);
        sum(aggs, RollupFields.CPU.sum());
        sum(aggs, RollupFields.MEMORY.sum());
        sum(aggs, RollupFields.NET_IN.sum());
        sum(aggs, RollupFields.NET_OUT.sum());
        aggs.putObject(RollupFields.CPU.max()).putObject("max").put("field", RollupFields.CPU.max());
        aggs.putObject(RollupFields.MEMORY.max()).putObject("max").put("field", RollupFields.MEMORY.max());
        ObjectNode p95 = aggs.putObject(RollupFields.CPU.p95()).putObject("weighted_avg");
        p95.putObject("value").put("field", RollupFields.CPU.p95());
        p95.putObject("weight").put("field", RollupFields.SAMPLES);
    }

    private static void sum(ObjectNode aggs, String field) {
        aggs.putObject(field).putObject("sum").put("field", field);
    }

    public Summary toSummary(JsonNode answer) {
        JsonNode aggs = answer == null ? null : answer.path("aggregations");
        List<String> hosts = new ArrayList<>();
        List<Summary.Point> series = new ArrayList<>();
        if (aggs == null || aggs.isMissingNode()) {
            return new Summary(
                    from.toString(),
                    to.toString(),
                    interval,
                    hosts,
                    new Summary.Cpu(null, null, null),
                    new Summary.Memory(null, null),
                    new Summary.Network(null, null),
                    series);
        }
        aggs.path("hosts").path("buckets").forEach(b -> hosts.add(b.path("key").asText()));
        for (JsonNode bucket : aggs.path("series").path("buckets")) {
            series.add(new Summary.Point(
                    Instant.ofEpochMilli(bucket.path("key").asLong()).toString(),
                    mean(bucket, RollupFields.CPU.sum()),
                    value(bucket, RollupFields.CPU.max()),
                    mean(bucket, RollupFields.MEMORY.sum()),
                    mean(bucket, RollupFields.NET_IN.sum()),
                    mean(bucket, RollupFields.NET_OUT.sum())));
        }
        return new Summary(
                from.toString(),
                to.toString(),
                interval,
                hosts,
                new Summary.Cpu(
                        mean(aggs, RollupFields.CPU.sum()),
                        value(aggs, RollupFields.CPU.max()),
                        value(aggs, RollupFields.CPU.p95())),
                new Summary.Memory(mean(aggs, RollupFields.MEMORY.sum()), value(aggs, RollupFields.MEMORY.max())),
                new Summary.Network(mean(aggs, RollupFields.NET_IN.sum()), mean(aggs, RollupFields.NET_OUT.sum())),
                series);
    }

    /** sum(field) / sum(samples), or null without samples. */
    private static Double mean(JsonNode aggs, String sumField) {
        double samples = aggs.path(RollupFields.SAMPLES).path("value").asDouble(0);
        JsonNode sum = aggs.path(sumField).path("value");
        if (samples <= 0 || !sum.isNumber()) {
            return null;
        }
        return sum.asDouble() / samples;
    }

    private static Double value(JsonNode aggs, String name) {
        JsonNode v = aggs.path(name).path("value");
        return v.isNumber() ? v.asDouble() : null;
    }
}
