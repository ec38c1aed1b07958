package io.vigil.job.metrics;

import io.vigil.common.Durations;
import io.vigil.common.YamlLoading;
import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings of the metric anomaly detectors, from {@code anomaly.yml} in the rules directory
 * (every key optional; the defaults below apply). Read when the job starts.
 */
public final class AnomalyConfig implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final List<String> METRICS = List.of("cpu", "memory", "net_in", "net_out");

    /** Static thresholds on the 1-minute average, per metric; per host group overrides. */
    final Map<String, Double> thresholds =
            new HashMap<>(Map.of("cpu", 90.0, "memory", 90.0, "net_in", 100e6, "net_out", 100e6));

    final Map<String, Map<String, Double>> groupThresholds = new HashMap<>();
    /** EWMA weight of the newest window. */
    double alpha = 0.05;
    /** A window this many standard deviations from the baseline is an anomaly. */
    double k = 4.0;
    /** Windows a baseline must have seen before it may alert. */
    int warmup = 30;
    /** Windows in the trend regression, the fit it needs, and how soon 100% must be near. */
    int trendWindows = 30;

    double trendMinR2 = 0.8;
    long trendHorizonMillis = Duration.ofHours(24).toMillis();
    /** Random Cut Forest over the per-host feature vector. */
    boolean forestEnabled = true;

    int forestWarmup = 64;
    double forestMinGrade = 0.9;
    int forestPersistence = 1;
    /** Repeats within this time update the same alert. */
    long suppressMillis = Duration.ofMinutes(10).toMillis();
    /**
     * A host without a rollup for this long (event time) is forgotten: its baselines, trend,
     * episodes and forest are cleared, so host names that come and go (or that a producer invents)
     * do not pile up in state. A host that returns warms up again.
     */
    long retentionMillis = Duration.ofHours(24).toMillis();

    public static AnomalyConfig defaults() {
        return new AnomalyConfig();
    }

    public static AnomalyConfig load(Path file) throws IOException {
        AnomalyConfig config = new AnomalyConfig();
        if (!Files.isRegularFile(file)) {
            return config;
        }
        Map<String, Object> root;
        try (Reader reader = Files.newBufferedReader(file)) {
            root = map(YamlLoading.load(reader));
        } catch (RuntimeException e) {
            throw new IOException(file + ": not valid YAML: " + e.getMessage(), e);
        }
        try {
            Map<String, Object> thresholds = map(root.get("thresholds"));
            config.thresholds.putAll(numbers(map(thresholds.get("default")), file));
            map(thresholds.get("groups"))
                    .forEach((group, values) -> config.groupThresholds.put(group, numbers(map(values), file)));
            Map<String, Object> baseline = map(root.get("baseline"));
            config.alpha = number(baseline, "alpha", config.alpha);
            config.k = number(baseline, "k", config.k);
            config.warmup = (int) number(baseline, "warmup", config.warmup);
            Map<String, Object> trend = map(root.get("trend"));
            config.trendWindows = (int) number(trend, "windows", config.trendWindows);
            config.trendMinR2 = number(trend, "min_r2", config.trendMinR2);
            if (trend.get("horizon") != null) {
                config.trendHorizonMillis =
                        Durations.parse(trend.get("horizon").toString()).toMillis();
            }
            Map<String, Object> forest = map(root.get("forest"));
            Object enabled = forest.get("enabled");
            if (enabled != null) {
                // as rule files: another word is a mistake, not false (which turned the forest off)
                if (!(enabled instanceof Boolean on)) {
                    throw new IllegalArgumentException("forest.enabled must be true or false, got '" + enabled + "'");
                }
                config.forestEnabled = on;
            }
            config.forestWarmup = (int) number(forest, "warmup", config.forestWarmup);
            config.forestMinGrade = number(forest, "min_grade", config.forestMinGrade);
            config.forestPersistence = (int) number(forest, "persistence", config.forestPersistence);
            if (root.get("suppress") != null) {
                config.suppressMillis =
                        Durations.parse(root.get("suppress").toString()).toMillis();
            }
            if (root.get("retention") != null) {
                config.retentionMillis =
                        Durations.parse(root.get("retention").toString()).toMillis();
                if (config.retentionMillis < Duration.ofMinutes(1).toMillis()) {
                    throw new IllegalArgumentException("retention must be at least 1m, got " + root.get("retention"));
                }
            }
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        return config;
    }

    double threshold(String metric, String group) {
        Map<String, Double> overrides = group == null ? null : groupThresholds.get(group);
        Double value = overrides == null ? null : overrides.get(metric);
        return value != null ? value : thresholds.get(metric);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    private static Map<String, Double> numbers(Map<String, Object> values, Path file) {
        Map<String, Double> out = new HashMap<>();
        values.forEach((metric, v) -> {
            if (!METRICS.contains(metric)) {
                throw new IllegalArgumentException("unknown metric '" + metric + "' (one of " + METRICS + ")");
            }
            out.put(metric, ((Number) v).doubleValue());
        });
        return out;
    }

    private static double number(Map<String, Object> map, String key, double fallback) {
        Object v = map.get(key);
        return v == null ? fallback : ((Number) v).doubleValue();
    }
}
