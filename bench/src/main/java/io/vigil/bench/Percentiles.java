package io.vigil.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** p50 / p99 / max of a set of measured durations, in milliseconds. */
final class Percentiles {
    private final List<Double> millis = new ArrayList<>();

    void add(double ms) {
        millis.add(ms);
    }

    List<Double> values() {
        return List.copyOf(millis);
    }

    Map<String, Object> summary() {
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("n", sorted.size());
        out.put("p50", round(rank(sorted, 0.50)));
        out.put("p99", round(rank(sorted, 0.99)));
        out.put("max", round(sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1)));
        return out;
    }

    private static double rank(List<Double> sorted, double q) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
