package io.vigil.detection.runtime;

import io.vigil.detection.rule.CountSpec;
import java.util.HashMap;
import java.util.Map;

/**
 * What a count rule measures over a set of evidence — matching events, distinct values of a
 * field, or how many of its parts were met — kept up to date as evidence enters and leaves a
 * sliding window, so each window costs only the events that move.
 */
final class CountAmount {
    private final CountSpec spec;
    private long events;
    private final Map<String, Integer> values = new HashMap<>();
    /** Per part, how many evidence entries in the set met it. */
    private final int[] parts = new int[CountSpec.MAX_PARTS];

    private int partsMet;

    CountAmount(CountSpec spec) {
        this.spec = spec;
    }

    void add(Evidence e) {
        events += e.occurrences;
        if (e.value != null) {
            values.merge(e.value, 1, Integer::sum);
        }
        for (int bits = e.parts; bits != 0; bits &= bits - 1) {
            if (parts[Integer.numberOfTrailingZeros(bits)]++ == 0) {
                partsMet++;
            }
        }
    }

    void remove(Evidence e) {
        events -= e.occurrences;
        if (e.value != null) {
            values.computeIfPresent(e.value, (v, n) -> n == 1 ? null : n - 1);
        }
        for (int bits = e.parts; bits != 0; bits &= bits - 1) {
            if (--parts[Integer.numberOfTrailingZeros(bits)] == 0) {
                partsMet--;
            }
        }
    }

    void clear() {
        events = 0;
        values.clear();
        java.util.Arrays.fill(parts, 0);
        partsMet = 0;
    }

    long value() {
        if (spec.countsParts()) {
            return partsMet;
        }
        return spec.countsDistinct() ? values.size() : events;
    }
}
