package io.vigil.detection.runtime;

import static io.vigil.detection.Fixtures.at;
import static io.vigil.detection.Fixtures.cpu;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.common.LogEvent;
import io.vigil.detection.Fixtures;
import io.vigil.detection.alert.Alert;
import io.vigil.detection.rule.Rule;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The threshold operator in Flink's keyed operator harness. */
class ThresholdFunctionTest {
    private static final Rule RULE = Fixtures.rule(Fixtures.CPU_HIGH);
    private static final RuleProjection PROJECTION = new RuleProjection(RULE);

    private static KeyedOneInputStreamOperatorTestHarness<String, RuleInput, Alert> harness() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new ThresholdFunction(RULE, DetectionSettings.DEFAULTS)),
                (RuleInput in) -> in.key, Types.STRING);
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<String, RuleInput, Alert> h, LogEvent e) throws Exception {
        h.processElement(PROJECTION.project(e), e.timestamp);
    }

    @Test
    void firesWithTheSampleThatCompletesTheEvidenceThenExtends() throws Exception {
        try (var h = harness()) {
            h.open();
            send(h, cpu(0, "web-01", 95));
            send(h, cpu(30, "web-01", 95));
            assertThat(h.extractOutputValues()).isEmpty();
            send(h, cpu(60, "web-01", 96));
            send(h, cpu(90, "web-01", 99.5));
            assertThat(h.extractOutputValues()).extracting(a -> a.count, a -> a.severity, a -> a.lastSeen)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(3L, "HIGH", at(60)),
                            org.assertj.core.groups.Tuple.tuple(4L, "CRITICAL", at(90)));
            assertThat(h.extractOutputValues().get(1).context).containsEntry("max", 99.5);
        }
    }

    @Test
    void hostsAreIndependent() throws Exception {
        try (var h = harness()) {
            h.open();
            for (int i = 0; i < 4; i++) {
                send(h, cpu(i * 30, "web-01", 95));
                send(h, cpu(i * 30 + 1, "web-02", 50));
            }
            assertThat(h.extractOutputValues()).extracting(a -> a.host).containsOnly("web-01");
        }
    }

    @Test
    void aRunLongerThanTheLatenessIsSummarizedAndSurvivesRestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            // 30 minutes above 90%: most samples are folded into the settled run summary
            for (int i = 0; i < 60; i++) {
                send(h, cpu(i * 30, "web-01", 93));
            }
            snapshot = h.snapshot(1L, at(1800));
        }
        try (var restored = harness()) {
            restored.initializeState(snapshot);
            restored.open();
            restored.processElement(PROJECTION.project(cpu(1800, "web-01", 94)), at(1800));
            assertThat(restored.extractOutputValues()).singleElement().satisfies(a -> {
                assertThat(a.count).isEqualTo(61);
                assertThat(a.firstSeen).isEqualTo(at(0));
                assertThat(a.lastSeen).isEqualTo(at(1800));
            });
        }
    }

    @Test
    void anOutOfOrderSampleBelowTheThresholdBreaksTheRunItLandsIn() throws Exception {
        try (var h = harness()) {
            h.open();
            send(h, cpu(0, "web-01", 95));
            send(h, cpu(60, "web-01", 95));
            send(h, cpu(30, "web-01", 20)); // arrives late, but within the allowed lateness
            send(h, cpu(90, "web-01", 95));
            assertThat(h.extractOutputValues()).isEmpty();
        }
    }
}
