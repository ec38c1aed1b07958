package io.vigil.detection.backtest;

import io.vigil.common.LogEvent;
import io.vigil.detection.alert.Alert;
import io.vigil.detection.rule.Rule;
import io.vigil.detection.runtime.Detection;
import io.vigil.detection.runtime.DetectionSettings;
import io.vigil.detection.testing.RuleTestRunner;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * Runs rules over stored events through the operators the job runs ({@link Detection#attach}, as
 * {@code ./vigil rules test} does), in a local Flink execution: the alerts the rules would have
 * raised, as the job would have written them (the last emission of an alert id is the alert, a
 * withdrawn one is gone). Nothing is written anywhere; the caller prints them.
 *
 * <p>The events come oldest first and event time follows them (the job's out-of-orderness), so
 * windows, sequences and suppression behave as they did live; event time stops at the end of the
 * range ({@link EventTimeCap}), so a window that reaches past it stays undecided.
 */
public final class Backtest {
    private Backtest() {}

    /** What a backtest found: how many events it read and the alerts, oldest first. */
    public record Result(long events, List<Alert> alerts) {}

    /** In a local Flink execution of its own (the CLI). */
    public static Result run(List<Rule> rules, StoredEventSource source) throws Exception {
        return run(StreamExecutionEnvironment.createLocalEnvironment(1, new Configuration()), rules, source);
    }

    /** In the given environment (a test's MiniCluster). */
    public static Result run(StreamExecutionEnvironment env, List<Rule> rules, StoredEventSource source)
            throws Exception {
        DataStream<LogEvent> events = env.addSource(source, "stored-events", TypeInformation.of(LogEvent.class))
                .assignTimestampsAndWatermarks(WatermarkStrategy.<LogEvent>forGenerator(ctx ->
                                new RuleTestRunner.EveryEventWatermarks(RuleTestRunner.OUT_OF_ORDERNESS.toMillis()))
                        .withTimestampAssigner((event, previous) -> event.timestamp))
                .name("stored-event-time")
                .transform("event-time-cap", TypeInformation.of(LogEvent.class), new EventTimeCap(source.end() - 1));
        Detection.Streams detection = Detection.attach(events, rules, DetectionSettings.DEFAULTS);
        CloseableIterator<Alert> emitted = detection.alerts().collectAsync();
        JobExecutionResult result = env.execute("vigil rules backtest");
        Map<String, Alert> alerts = new LinkedHashMap<>();
        try (emitted) {
            while (emitted.hasNext()) {
                Alert alert = emitted.next();
                if (alert.withdrawn) {
                    alerts.remove(alert.id);
                } else {
                    alerts.put(alert.id, alert);
                }
            }
        }
        List<Alert> sorted = new ArrayList<>(alerts.values());
        sorted.sort(Comparator.comparingLong((Alert a) -> a.firstSeen)
                .thenComparing(a -> a.ruleId)
                .thenComparing(a -> a.id));
        Long read = result.getAccumulatorResult(StoredEventSource.EVENTS);
        return new Result(read == null ? 0 : read, sorted);
    }
}
