package io.vigil.job.metrics;

import com.amazon.randomcutforest.parkservices.AnomalyDescriptor;
import com.amazon.randomcutforest.parkservices.ThresholdedRandomCutForest;
import io.vigil.common.Severity;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Looks at every host's 1-minute rollups, once per window, with four detectors:
 * <ul>
 *   <li>threshold — the window's average over a static limit (per host group); severity grows
 *       with how much of the remaining headroom the excess uses;</li>
 *   <li>baseline — an EWMA of each metric's mean and variance; after a warm-up, a window more
 *       than k standard deviations off raises an anomaly naming the expected band;</li>
 *   <li>trend — a least-squares line through the last windows' CPU and memory: a steady climb
 *       that reaches 100 % within the horizon raises a MEDIUM alert with the projection;</li>
 *   <li>forest — a Random Cut Forest over (cpu, memory, log network in/out, auth failures,
 *       events): its anomaly grade is stored with the rollup and alerts when high.</li>
 * </ul>
 * Emits rollups (with the forest's grade) on the main output and findings on a side output.
 *
 * <p>State is bounded: a host without a rollup for {@code retention} (anomaly.yml, 24h) of event
 * time is cleared by a timer (one per host), and a host gets its forest (15-60 KB) only once its
 * baseline is warm; until then it costs about 1 KB. So the state is about 1 KB per host seen
 * within the retention plus the forests of hosts seen in {@code baseline.warmup} windows.
 */
public class MetricAnomalies extends KeyedProcessFunction<String, MetricRollup, MetricRollup> {
    public static final org.apache.flink.util.OutputTag<AnomalyFinding> FINDINGS =
            new org.apache.flink.util.OutputTag<>("anomaly-findings") {};
    private static final long WINDOW = Duration.ofMinutes(1).toMillis();

    private final AnomalyConfig config;
    private transient ValueState<HostMetricState> state;
    /** The host's forest as a live object (see {@link ForestSerializer}). */
    private transient ValueState<HostForest> forestState;
    /** Where earlier versions kept the forest, as bytes: read once per host, then cleared. */
    private transient ValueState<byte[]> legacyForestState;

    private transient ForestSerializer forestBytes;

    public MetricAnomalies(AnomalyConfig config) {
        this.config = config;
    }

    @Override
    public void open(Configuration parameters) {
        state = getRuntimeContext()
                .getState(new ValueStateDescriptor<>("host-metrics", TypeInformation.of(HostMetricState.class)));
        forestState = getRuntimeContext().getState(new ValueStateDescriptor<>("forest-model", new ForestSerializer()));
        legacyForestState = getRuntimeContext()
                .getState(new ValueStateDescriptor<>("forest", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        forestBytes = new ForestSerializer();
    }

    @Override
    public void processElement(MetricRollup rollup, Context ctx, Collector<MetricRollup> out) throws Exception {
        HostMetricState s = state.value();
        if (s == null) {
            s = new HostMetricState();
        }
        if (rollup.windowStart <= s.lastWindow || rollup.samples == 0) {
            out.collect(rollup); // a late correction of a window already examined: store it only
            return;
        }
        s.lastWindow = rollup.windowStart;
        double[] values = {rollup.cpuAvg(), rollup.memoryAvg(), rollup.netInAvg(), rollup.netOutAvg()};
        for (int m = 0; m < values.length; m++) {
            if (Double.isNaN(values[m])) {
                continue;
            }
            String metric = AnomalyConfig.METRICS.get(m);
            threshold(rollup, metric, values[m], s, ctx);
            baseline(rollup, m, metric, values[m], s, ctx);
        }
        trend(rollup, values[0], values[1], s, ctx);
        if (config.forestEnabled && warm(s)) {
            // The forest alerts only for what the single-metric detectors did not already explain.
            boolean explained = s.episodeLastSeen.values().stream().anyMatch(t -> t == rollup.windowStart);
            forest(rollup, values, s, ctx, !explained);
        }
        scheduleCleanup(s, ctx);
        state.update(s);
        out.collect(rollup);
    }

    /** One timer per host, moved on when it fires early (the host sent rollups since it was set). */
    private void scheduleCleanup(HostMetricState s, Context ctx) {
        if (s.cleanupAt == Long.MIN_VALUE) {
            s.cleanupAt = s.lastWindow + WINDOW + config.retentionMillis;
            ctx.timerService().registerEventTimeTimer(s.cleanupAt);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<MetricRollup> out) throws Exception {
        HostMetricState s = state.value();
        if (s == null) {
            return;
        }
        long due = s.lastWindow + WINDOW + config.retentionMillis;
        if (due <= timestamp) {
            state.clear();
            forestState.clear();
            legacyForestState.clear();
            return;
        }
        s.cleanupAt = due;
        ctx.timerService().registerEventTimeTimer(due);
        state.update(s);
    }

    /**
     * Whether the host has been seen long enough to earn a forest: a forest costs 15-60 KB of
     * state, a host name seen once (or invented) about 1 KB without it.
     */
    private boolean warm(HostMetricState s) {
        return Math.max(s.seen[0], s.seen[1]) >= config.warmup;
    }

    private void threshold(MetricRollup r, String metric, double value, HostMetricState s, Context ctx) {
        double limit = config.threshold(metric, r.hostGroup);
        if (value <= limit) {
            return;
        }
        boolean percent = metric.equals("cpu") || metric.equals("memory");
        // Share of the headroom above the limit that the excess takes (percentages), or the
        // multiple of the limit (rates).
        double excess = percent ? (value - limit) / Math.max(100 - limit, 1e-9) : value / limit - 1;
        Severity severity = percent
                ? (excess >= 0.8 ? Severity.CRITICAL : excess >= 0.5 ? Severity.HIGH : Severity.MEDIUM)
                : (excess >= 4 ? Severity.CRITICAL : excess >= 1 ? Severity.HIGH : Severity.MEDIUM);
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("threshold", limit);
        emit(
                r,
                "threshold",
                metric,
                severity,
                value,
                Double.NaN,
                limit,
                String.format(
                        Locale.ROOT,
                        "%s average %s is over the limit of %s",
                        label(metric),
                        show(metric, value),
                        show(metric, limit)),
                context,
                s,
                ctx);
    }

    private void baseline(MetricRollup r, int m, String metric, double value, HostMetricState s, Context ctx) {
        double mean = s.mean[m];
        double sd = Math.sqrt(s.variance[m]);
        boolean warm = s.seen[m] >= config.warmup;
        // A floor on the deviation so a perfectly flat series does not alert on noise.
        // Below these floors a move is ordinary: 5 points for percentages (a slow climb is the
        // trend detector's), a quarter of the usual level for traffic.
        double floor = metric.equals("cpu") || metric.equals("memory") ? 5.0 : Math.max(1000, 0.25 * Math.abs(mean));
        double band = Math.max(config.k * sd, floor);
        if (warm && Math.abs(value - mean) > band) {
            double sigmas = Math.abs(value - mean) / Math.max(sd, 1e-9);
            Severity severity = sigmas >= 10 ? Severity.HIGH : Severity.MEDIUM;
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("baseline_mean", mean);
            context.put("baseline_stddev", sd);
            context.put("k", config.k);
            emit(
                    r,
                    "baseline",
                    metric,
                    severity,
                    value,
                    mean - band,
                    mean + band,
                    String.format(
                            Locale.ROOT,
                            "%s %s is outside its usual band %s – %s",
                            label(metric),
                            show(metric, value),
                            show(metric, Math.max(0, mean - band)),
                            show(metric, mean + band)),
                    context,
                    s,
                    ctx);
        }
        if (s.seen[m] == 0) {
            s.mean[m] = value;
        } else {
            double diff = value - mean;
            s.mean[m] = mean + config.alpha * diff;
            s.variance[m] = (1 - config.alpha) * (s.variance[m] + config.alpha * diff * diff);
        }
        s.seen[m]++;
    }

    private void trend(MetricRollup r, double cpu, double memory, HostMetricState s, Context ctx) {
        int n = config.trendWindows;
        if (s.trendTimes == null) {
            s.cpuTrend = new double[n];
            s.memoryTrend = new double[n];
            s.trendTimes = new long[n];
        }
        s.cpuTrend[s.trendNext] = cpu;
        s.memoryTrend[s.trendNext] = memory;
        s.trendTimes[s.trendNext] = r.windowStart;
        s.trendNext = (s.trendNext + 1) % n;
        s.trendCount = Math.min(s.trendCount + 1, n);
        if (s.trendCount < n) {
            return;
        }
        trendOf(r, "cpu", s.cpuTrend, s, ctx);
        trendOf(r, "memory", s.memoryTrend, s, ctx);
    }

    private void trendOf(MetricRollup r, String metric, double[] series, HostMetricState s, Context ctx) {
        LinearFit fit = LinearFit.of(s.trendTimes, series);
        if (fit == null || fit.slopePerMilli() <= 0 || fit.r2() < config.trendMinR2) {
            return;
        }
        double now = fit.at(r.windowStart + WINDOW);
        double millisToFull = (100 - now) / fit.slopePerMilli();
        double perHour = fit.slopePerMilli() * 3_600_000;
        if (millisToFull > config.trendHorizonMillis || perHour < 0.5) {
            return;
        }
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("slope_percent_per_hour", perHour);
        context.put("r2", fit.r2());
        context.put(
                "projected_full_at",
                java.time.Instant.ofEpochMilli((long) (r.windowStart + WINDOW + millisToFull))
                        .toString());
        emit(
                r,
                "trend",
                metric,
                Severity.MEDIUM,
                now,
                Double.NaN,
                100,
                String.format(
                        Locale.ROOT,
                        "%s climbing %.1f %%/h; projected to reach 100%% in %s",
                        label(metric),
                        perHour,
                        humanDuration((long) millisToFull)),
                context,
                s,
                ctx);
    }

    private void forest(MetricRollup r, double[] values, HostMetricState s, Context ctx, boolean mayAlert)
            throws IOException {
        if (Double.isNaN(values[0]) && Double.isNaN(values[1])) {
            return;
        }
        double[] point = {
            nz(values[0]),
            nz(values[1]),
            Math.log10(1 + nz(values[2])),
            Math.log10(1 + nz(values[3])),
            r.authFailures,
            r.metricEvents + r.otherEvents
        };
        HostForest forest = loadForest(point.length);
        AnomalyDescriptor result = forest.process(point, r.windowStart / 1000);
        s.forestWindows++;
        forestState.update(forest); // the same object with the heap backend: nothing is converted here
        double grade = result.getAnomalyGrade();
        r.anomalyScore = grade;
        s.forestStreak = grade >= config.forestMinGrade ? s.forestStreak + 1 : 0;
        // A forest re-learns a new level within a window or two, so by default one high grade
        // suffices (persistence 1); noisy fleets can ask for more.
        if (!mayAlert || s.forestWindows <= config.forestWarmup || s.forestStreak < config.forestPersistence) {
            return;
        }
        String[] names = {"cpu", "memory", "net_in", "net_out", "auth_failures", "events"};
        double[] attribution = result.getRelevantAttribution();
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("grade", grade);
        StringBuilder drivers = new StringBuilder();
        if (attribution != null) {
            Map<String, Double> byFeature = new LinkedHashMap<>();
            for (int i = 0; i < names.length && i < attribution.length; i++) {
                byFeature.put(names[i], attribution[i]);
            }
            context.put("attribution", byFeature);
            byFeature.entrySet().stream()
                    .sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
                    .limit(2)
                    .forEach(e ->
                            drivers.append(drivers.length() == 0 ? "" : ", ").append(e.getKey()));
        }
        emit(
                r,
                "forest",
                null,
                Severity.MEDIUM,
                grade,
                0,
                config.forestMinGrade,
                String.format(
                        Locale.ROOT,
                        "unusual combination of metrics (grade %.2f), driven by %s",
                        grade,
                        drivers.length() == 0 ? "several features" : drivers),
                context,
                s,
                ctx);
    }

    private HostForest loadForest(int dimensions) throws IOException {
        HostForest forest = forestState.value();
        if (forest != null) {
            return forest;
        }
        byte[] bytes = legacyForestState.value();
        if (bytes != null) {
            legacyForestState.clear();
            return new HostForest(forestBytes.fromBytes(bytes), null);
        }
        return new HostForest(
                ThresholdedRandomCutForest.builder()
                        .dimensions(dimensions)
                        .shingleSize(1)
                        .numberOfTrees(30)
                        .sampleSize(128)
                        .outputAfter(32)
                        .anomalyRate(0.005)
                        // Flag only scores far above the forest's own running score distribution.
                        .zFactor(4.0)
                        .randomSeed(42)
                        .build(),
                null);
    }

    private void emit(
            MetricRollup r,
            String detector,
            String metric,
            Severity severity,
            double observed,
            double low,
            double high,
            String summary,
            Map<String, Object> context,
            HostMetricState s,
            Context ctx) {
        AnomalyFinding f = new AnomalyFinding();
        f.detector = detector;
        f.metric = metric;
        f.host = r.host;
        f.hostGroup = r.hostGroup;
        f.severity = severity.name();
        f.windowStart = r.windowStart;
        f.windowEnd = r.windowStart + WINDOW;
        f.observed = observed;
        f.expectedLow = low;
        f.expectedHigh = high;
        f.summary = summary;
        f.context = context;
        String rule = f.ruleId();
        Long last = s.episodeLastSeen.get(rule);
        boolean ongoing = last != null && r.windowStart - last <= config.suppressMillis;
        f.episodeStart = ongoing ? s.episodeStart.get(rule) : r.windowStart;
        f.episodeCount = ongoing ? s.episodeCount.getOrDefault(rule, 0L) + 1 : 1;
        f.episodeSeverity = ongoing
                ? Severity.valueOf(s.episodeSeverity.getOrDefault(rule, "LOW"))
                        .max(severity)
                        .name()
                : severity.name();
        s.episodeStart.put(rule, f.episodeStart);
        s.episodeLastSeen.put(rule, r.windowStart);
        s.episodeCount.put(rule, f.episodeCount);
        s.episodeSeverity.put(rule, f.episodeSeverity);
        ctx.output(FINDINGS, f);
    }

    private static double nz(double v) {
        return Double.isNaN(v) ? 0 : v;
    }

    private static String label(String metric) {
        return switch (metric) {
            case "cpu" -> "CPU";
            case "memory" -> "memory";
            case "net_in" -> "network in";
            default -> "network out";
        };
    }

    private static String show(String metric, double value) {
        return metric.equals("cpu") || metric.equals("memory")
                ? String.format(Locale.ROOT, "%.1f %%", value)
                : String.format(Locale.ROOT, "%.0f B/s", value);
    }

    static String humanDuration(long millis) {
        long minutes = Math.max(1, millis / 60_000);
        return minutes >= 120 ? (minutes / 60) + " h " + (minutes % 60) + " min" : minutes + " min";
    }
}
