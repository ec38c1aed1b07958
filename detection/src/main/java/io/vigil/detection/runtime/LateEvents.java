package io.vigil.detection.runtime;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Events a rule could not evaluate because they came too late (see rules/README.md): the side
 * output every stateful rule operator writes their {@link RuleInput}s to, and the operator that
 * counts them ({@code vigil.detection.late}, one per rule and event). The events themselves are
 * still stored: the log sink does not depend on detection.
 */
public final class LateEvents extends ProcessFunction<RuleInput, RuleInput> {
    public static final OutputTag<RuleInput> TAG = new OutputTag<>("late-events", RuleInputTypeInfo.INSTANCE);
    private static final long serialVersionUID = 1L;

    private transient Counter late;

    @Override
    public void open(Configuration parameters) {
        late = getRuntimeContext()
                .getMetricGroup()
                .addGroup("vigil")
                .addGroup("detection")
                .counter("late");
    }

    @Override
    public void processElement(RuleInput event, Context ctx, Collector<RuleInput> out) {
        late.inc();
        out.collect(event);
    }
}
