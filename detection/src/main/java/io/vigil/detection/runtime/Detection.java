package io.vigil.detection.runtime;

import io.vigil.common.LogEvent;
import io.vigil.detection.alert.Alert;
import io.vigil.detection.parse.RuleFiles;
import io.vigil.detection.rule.Rule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;

/**
 * Compiles rules into operators on the job's event stream (timestamps and watermarks already
 * assigned):
 *
 * <pre>
 * events → RuleRouter ("detect-rules", stateless) → annotated events (threats[] set)
 *            └─ every rule R: its inputs → keyBy group → OrderedRuleFunction(machine of R's kind)
 *                 match: rule-R-match-alerts, count: rule-R-count, threshold: rule-R-threshold,
 *                 sequence: rule-R-sequence-alerts
 * </pre>
 *
 * Every rule's operator evaluates its group's inputs in event-time order whatever order they
 * arrive in ({@link OrderedRuleFunction}), so the alerts are a function of the events. Every
 * operator's uid is {@code rule-<id>-<kind>...}, so a job restored from a savepoint after rules
 * were edited keeps the state of every rule whose id and kind did not change. Alerts of all
 * rules are partitioned by alert id, so every update of one alert reaches the same sink writer,
 * in order.
 */
public final class Detection {
    private Detection() {}

    /**
     * @param annotated the events with {@code threats[]} set: what the log sink should index
     * @param alerts    every alert emission, partitioned by alert id
     * @param late      inputs some rule could not evaluate because they came too late (already
     *                  counted by the {@code late-events} operator); null without stateful rules
     * @param failures  dead letters of events a rule's conditions failed on ({@link RuleRouter#FAILURES})
     */
    public record Streams(
            DataStream<LogEvent> annotated,
            DataStream<Alert> alerts,
            DataStream<RuleInput> late,
            DataStream<io.vigil.common.DeadLetter> failures) {}

    /**
     * The job's hook: loads the enabled rules under {@code rulesPath} (failing on an invalid
     * one) and attaches them.
     */
    public static Streams attach(DataStream<LogEvent> events, String rulesPath, DetectionSettings settings) {
        return attach(events, RuleFiles.loadForJob(Path.of(rulesPath)), settings);
    }

    /**
     * Attaches the rules that run ({@link Rule#runs}: enabled and not dormant); the others are
     * only listed in the catalog.
     */
    public static Streams attach(DataStream<LogEvent> events, List<Rule> all, DetectionSettings settings) {
        List<Rule> rules = all.stream().filter(Rule::runs).toList();
        SingleOutputStreamOperator<LogEvent> routed =
                events.process(new RuleRouter(rules)).uid("detect-rules").name("detect-rules");

        List<DataStream<Alert>> alerts = new ArrayList<>();
        List<DataStream<RuleInput>> late = new ArrayList<>();
        for (Rule rule : rules) {
            String uid = uid(rule);
            SingleOutputStreamOperator<Alert> ruleAlerts = routed.getSideOutput(RuleRouter.inputsOf(rule))
                    .keyBy(input -> input.key)
                    .process(OrderedRuleFunction.of(rule, settings))
                    .uid(uid)
                    .name(uid);
            alerts.add(ruleAlerts);
            late.add(ruleAlerts.getSideOutput(LateEvents.TAG));
        }

        DataStream<Alert> allAlerts = alerts.isEmpty()
                ? routed.flatMap(new NoAlerts()).uid("detect-no-alerts").name("detect-no-alerts")
                : union(alerts);
        DataStream<RuleInput> lateInputs = null;
        if (!late.isEmpty()) {
            lateInputs =
                    union(late).process(new LateEvents()).uid("late-events").name("late-events");
            lateInputs.sinkTo(new DiscardingSink<>()).uid("late-events-sink").name("late-events-sink");
        }
        return new Streams(
                routed, allAlerts.keyBy(alert -> alert.id), lateInputs, routed.getSideOutput(RuleRouter.FAILURES));
    }

    /** The rule's operator uid; kept from the operators it replaced, where a kind had two. */
    static String uid(Rule rule) {
        return switch (rule.kind()) {
            case MATCH, SEQUENCE -> rule.uid("alerts");
            case COUNT, THRESHOLD -> rule.uid("");
        };
    }

    private static <T> DataStream<T> union(List<DataStream<T>> streams) {
        DataStream<T> first = streams.get(0);
        if (streams.size() == 1) {
            return first;
        }
        @SuppressWarnings("unchecked")
        DataStream<T>[] rest = streams.subList(1, streams.size()).toArray(new DataStream[0]);
        return first.union(rest);
    }

    /** The alert stream of a rule set without rules: typed, empty, so the sink wiring stays the same. */
    private static final class NoAlerts implements FlatMapFunction<LogEvent, Alert> {
        private static final long serialVersionUID = 1L;

        @Override
        public void flatMap(LogEvent event, Collector<Alert> out) {}
    }
}
