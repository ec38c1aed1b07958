package io.vigil.detection.runtime;

import static io.vigil.detection.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.common.LogEvent;
import io.vigil.detection.alert.Alert;
import io.vigil.detection.rule.Rule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * One rule's operator ({@link OrderedRuleFunction}) in Flink's keyed operator harness, fed as the
 * job feeds it: the router's projection of each event. {@link #alerts()} is what the alerts index
 * holds afterwards (the last emission of each id, withdrawn ones removed).
 */
final class RuleHarness implements AutoCloseable {
    final Rule rule;
    final DetectionSettings settings;
    final RuleProjection projection;
    final OrderedRuleFunction<?> function;
    final KeyedOneInputStreamOperatorTestHarness<String, RuleInput, Alert> harness;

    RuleHarness(Rule rule) throws Exception {
        this(rule, DetectionSettings.DEFAULTS, null);
    }

    RuleHarness(Rule rule, DetectionSettings settings, OperatorSubtaskState restore) throws Exception {
        this.rule = rule;
        this.settings = settings;
        this.projection = new RuleProjection(rule);
        this.function = OrderedRuleFunction.of(rule, settings);
        this.harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(function), (RuleInput in) -> in.key, Types.STRING);
        if (restore != null) {
            harness.initializeState(restore);
        }
        harness.open();
    }

    /**
     * A harness restored from the snapshot of one that was sent {@code before}: the rule as the job
     * has it after a restart.
     */
    static RuleHarness restoredAfter(Rule rule, List<LogEvent> before) throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = new RuleHarness(rule)) {
            h.send(before.toArray(LogEvent[]::new));
            snapshot = h.snapshot(1L);
        }
        return new RuleHarness(rule, DetectionSettings.DEFAULTS, snapshot);
    }

    RuleHarness send(LogEvent... events) throws Exception {
        for (LogEvent e : events) {
            RuleInput input = projection.project(e);
            if (input != null) {
                harness.processElement(input, e.timestamp);
            }
        }
        return this;
    }

    RuleHarness watermark(long time) throws Exception {
        harness.processWatermark(new Watermark(time));
        return this;
    }

    /** Moves processing time (the reorder window is measured in it). */
    RuleHarness processingTime(long millis) throws Exception {
        harness.setProcessingTime(millis);
        return this;
    }

    /** Every emission, in order. */
    List<Alert> emissions() {
        return harness.extractOutputValues();
    }

    /** The one emission so far: fails the test if there is none, or more than one. */
    Alert onlyEmission() {
        assertThat(emissions()).hasSize(1);
        return emissions().get(0);
    }

    /** The one alert {@link #finalAlerts()} holds: fails the test if there is none, or more than one. */
    Alert onlyFinalAlert() {
        assertThat(finalAlerts()).hasSize(1);
        return finalAlerts().get(0);
    }

    /**
     * Asserts what an alert says of its events: how many, and the first and last one's time in
     * seconds after {@link io.vigil.detection.Fixtures#T0}.
     */
    static void assertEvents(Alert alert, long count, int firstSecond, int lastSecond) {
        assertThat(alert.count).as("count").isEqualTo(count);
        assertThat(alert.firstSeen).as("first seen").isEqualTo(at(firstSecond));
        assertThat(alert.lastSeen).as("last seen").isEqualTo(at(lastSecond));
    }

    /** What the alerts index holds: the last emission per id, without the withdrawn. */
    Map<String, Alert> alerts() {
        Map<String, Alert> alerts = new LinkedHashMap<>();
        for (Alert a : emissions()) {
            if (a.withdrawn) {
                alerts.remove(a.id);
            } else {
                alerts.put(a.id, a);
            }
        }
        return alerts;
    }

    List<Alert> finalAlerts() {
        return new ArrayList<>(alerts().values());
    }

    List<String> late() {
        var late = harness.getSideOutput(LateEvents.TAG);
        List<String> ids = new ArrayList<>();
        if (late != null) {
            for (StreamRecord<RuleInput> r : late) {
                ids.add(r.getValue().id);
            }
        }
        return ids;
    }

    /** What the operator holds of one group, or null. */
    GroupState<?> group(String key) throws Exception {
        KeyedStateBackend<Object> backend = harness.getOperator().getKeyedStateBackend();
        backend.setCurrentKey(key);
        return backend.getPartitionedState(
                        VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, function.groupDescriptor())
                .value();
    }

    OperatorSubtaskState snapshot(long checkpoint) throws Exception {
        return harness.snapshot(checkpoint, checkpoint);
    }

    @Override
    public void close() throws Exception {
        harness.close();
    }
}
