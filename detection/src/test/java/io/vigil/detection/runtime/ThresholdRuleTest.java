package io.vigil.detection.runtime;

import static io.vigil.detection.Fixtures.at;
import static io.vigil.detection.Fixtures.cpu;
import static io.vigil.detection.runtime.RuleHarness.assertEvents;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.common.LogEvent;
import io.vigil.detection.Fixtures;
import io.vigil.detection.rule.Rule;
import java.util.List;
import java.util.stream.IntStream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** A threshold rule's operator in Flink's keyed operator harness. */
class ThresholdRuleTest {
    private static final Rule RULE = Fixtures.rule(Fixtures.CPU_HIGH);

    @Test
    void firesWithTheSampleThatCompletesTheEvidenceThenExtends() throws Exception {
        try (var h = new RuleHarness(RULE)) {
            h.send(cpu(0, "web-01", 95), cpu(30, "web-01", 95));
            assertThat(h.emissions()).isEmpty();
            h.send(cpu(60, "web-01", 96), cpu(90, "web-01", 99.5));
            assertThat(h.emissions())
                    .extracting(a -> a.count, a -> a.severity, a -> a.lastSeen)
                    .containsExactly(Tuple.tuple(3L, "HIGH", at(60)), Tuple.tuple(4L, "CRITICAL", at(90)));
            assertThat(h.emissions().get(1).context).containsEntry("max", 99.5);
        }
    }

    @Test
    void hostsAreIndependent() throws Exception {
        try (var h = new RuleHarness(RULE)) {
            for (int i = 0; i < 4; i++) {
                h.send(cpu(i * 30, "web-01", 95), cpu(i * 30 + 1, "web-02", 50));
            }
            assertThat(h.emissions()).extracting(a -> a.host).containsOnly("web-01");
        }
    }

    @Test
    void aLongRunSurvivesRestore() throws Exception {
        List<LogEvent> before =
                IntStream.range(0, 60).mapToObj(i -> cpu(i * 30, "web-01", 93)).toList();
        try (var restored = RuleHarness.restoredAfter(RULE, before)) {
            restored.send(cpu(1800, "web-01", 94));
            assertEvents(restored.onlyEmission(), 61, 0, 1800);
        }
    }

    @Test
    void anOutOfOrderSampleBelowTheThresholdBreaksTheRunItLandsIn() throws Exception {
        try (var h = new RuleHarness(RULE)) {
            h.send(cpu(0, "web-01", 95), cpu(60, "web-01", 95), cpu(30, "web-01", 20), cpu(90, "web-01", 95));
            assertThat(h.finalAlerts()).isEmpty();
        }
    }

    @Test
    void aLateSampleBelowTheThresholdWithdrawsTheAlertItDisproves() throws Exception {
        try (var h = new RuleHarness(RULE)) {
            h.send(cpu(0, "web-01", 95), cpu(30, "web-01", 95), cpu(60, "web-01", 95));
            assertThat(h.finalAlerts()).hasSize(1);
            h.send(cpu(45, "web-01", 20)); // another partition delivers it later
            assertThat(h.finalAlerts()).isEmpty();
            assertThat(h.emissions())
                    .last()
                    .satisfies(a -> assertThat(a.withdrawn).isTrue());
        }
    }
}
