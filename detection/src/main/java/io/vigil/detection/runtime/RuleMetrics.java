package io.vigil.detection.runtime;

import io.vigil.detection.rule.Rule;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.Counter;

/** Per-rule Flink metrics: {@code vigil.rule.<id>.alerts} counts alert emissions (new and updates). */
final class RuleMetrics {
    private RuleMetrics() {}

    static Counter alerts(RuntimeContext context, Rule rule) {
        return context.getMetricGroup()
                .addGroup("vigil")
                .addGroup("rule", rule.id())
                .counter("alerts");
    }
}
