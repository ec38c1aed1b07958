package io.vigil.detection.runtime;

import static io.vigil.detection.Fixtures.at;
import static io.vigil.detection.Fixtures.sshFailure;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.common.LogEvent;
import io.vigil.detection.Fixtures;
import io.vigil.detection.alert.Alert;
import io.vigil.detection.rule.Rule;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The count operator in Flink's keyed operator harness: latency, per-group time, lateness, state. */
class CountFunctionTest {
    private static final Rule RULE = Fixtures.rule(Fixtures.BRUTE_FORCE);
    private static final RuleProjection PROJECTION = new RuleProjection(RULE);
    private static final String ATTACKER = "203.0.113.7";

    private static KeyedOneInputStreamOperatorTestHarness<String, RuleInput, Alert> harness() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, RuleInput, Alert> harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new CountFunction(RULE, DetectionSettings.DEFAULTS)),
                (RuleInput in) -> in.key, Types.STRING);
        harness.open();
        return harness;
    }

    /** As the job does it: the router projects the event, the keyed operator gets the input. */
    private static void send(KeyedOneInputStreamOperatorTestHarness<String, RuleInput, Alert> h, LogEvent e) throws Exception {
        h.processElement(PROJECTION.project(e), e.timestamp);
    }

    @Test
    void firesWithTheFifthEventWithoutWaitingForTheWindowToClose() throws Exception {
        try (var h = harness()) {
            for (int i = 0; i < 4; i++) {
                send(h, sshFailure(i * 10, "web-01", ATTACKER));
            }
            assertThat(h.extractOutputValues()).isEmpty();
            send(h, sshFailure(40, "web-01", ATTACKER));
            // no watermark has been sent: the alert cannot have waited for event time to pass
            assertThat(h.extractOutputValues()).singleElement().satisfies(a -> {
                assertThat(a.count).isEqualTo(5);
                assertThat(a.firstSeen).isEqualTo(at(0));
                assertThat(a.lastSeen).isEqualTo(at(40));
                assertThat(a.groupKey).isEqualTo("source.ip=" + ATTACKER);
                assertThat(a.status).isEqualTo("open");
            });
        }
    }

    @Test
    void repeatsUpdateTheSameAlert() throws Exception {
        try (var h = harness()) {
            for (int i = 0; i < 7; i++) {
                send(h, sshFailure(i * 5, "web-01", ATTACKER));
            }
            assertThat(h.extractOutputValues()).hasSize(3)
                    .extracting(a -> a.count).containsExactly(5L, 6L, 7L);
            assertThat(h.extractOutputValues()).extracting(a -> a.id).containsOnly(h.extractOutputValues().get(0).id);
        }
    }

    @Test
    void aGroupFarBehindTheWatermarkIsStillEvaluatedOnItsOwnClock() throws Exception {
        try (var h = harness()) {
            // the rest of the fleet moved event time an hour ahead
            h.processWatermark(new Watermark(at(3600)));
            for (int i = 0; i < 5; i++) {
                send(h, sshFailure(i * 5, "db-02", "198.51.100.99"));
            }
            assertThat(h.extractOutputValues()).singleElement()
                    .satisfies(a -> assertThat(a.firstSeen).isEqualTo(at(0)));
            assertThat(h.getSideOutput(LateEvents.TAG)).isNull();
        }
    }

    @Test
    void anEventOlderThanTheAllowedLatenessOfItsGroupGoesToTheLateOutput() throws Exception {
        long lateness = DetectionSettings.DEFAULT_ALLOWED_LATENESS.getSeconds();
        try (var h = harness()) {
            send(h, sshFailure(600, "web-01", ATTACKER));
            LogEvent late = sshFailure((int) (600 - lateness - 1), "web-01", ATTACKER);
            send(h, late);
            send(h, sshFailure((int) (600 - lateness + 1), "web-01", ATTACKER)); // within lateness: evaluated
            assertThat(h.getSideOutput(LateEvents.TAG)).extracting(r -> r.getValue().id).containsExactly(late.id);
        }
    }

    @Test
    void stateSurvivesASnapshotAndRestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            for (int i = 0; i < 4; i++) {
                send(h, sshFailure(i * 10, "web-01", ATTACKER));
            }
            snapshot = h.snapshot(1L, at(40));
        }
        try (var restored = new KeyedOneInputStreamOperatorTestHarness<String, RuleInput, Alert>(
                new KeyedProcessOperator<>(new CountFunction(RULE, DetectionSettings.DEFAULTS)),
                (RuleInput in) -> in.key, Types.STRING)) {
            restored.initializeState(snapshot);
            restored.open();
            restored.processElement(PROJECTION.project(sshFailure(45, "web-01", ATTACKER)), at(45));
            assertThat(restored.extractOutputValues()).singleElement().satisfies(a -> {
                assertThat(a.count).isEqualTo(5);
                assertThat(a.firstSeen).isEqualTo(at(0));
            });
        }
    }

    @Test
    void idleGroupStateIsRemovedOnceTheWatermarkPassesItsRetention() throws Exception {
        try (var h = harness()) {
            for (int i = 0; i < 4; i++) {
                send(h, sshFailure(i, "web-01", ATTACKER));
            }
            assertThat(h.numKeyedStateEntries()).isPositive();
            long retention = Duration.ofMinutes(10).plus(DetectionSettings.DEFAULT_ALLOWED_LATENESS).toMillis();
            h.processWatermark(new Watermark(at(3) + retention + 1));
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }
}
