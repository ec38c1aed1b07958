package io.vigil.detection.runtime;

import static io.vigil.detection.Fixtures.at;
import static io.vigil.detection.Fixtures.sshFailure;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.common.LogEvent;
import io.vigil.detection.Fixtures;
import io.vigil.detection.rule.Rule;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A count rule's operator in Flink's keyed operator harness: latency, per-group time, state. */
class CountRuleTest {
    private static final Rule RULE = Fixtures.rule(Fixtures.BRUTE_FORCE);
    private static final String ATTACKER = "203.0.113.7";

    @Test
    void firesWithTheFifthEventWithoutWaitingForTheWindowToClose() throws Exception {
        try (var h = new RuleHarness(RULE)) {
            for (int i = 0; i < 4; i++) {
                h.send(sshFailure(i * 10, "web-01", ATTACKER));
            }
            assertThat(h.emissions()).isEmpty();
            h.send(sshFailure(40, "web-01", ATTACKER));
            // no watermark has been sent: the alert cannot have waited for event time to pass
            assertThat(h.emissions()).singleElement().satisfies(a -> {
                assertThat(a.count).isEqualTo(5);
                assertThat(a.firstSeen).isEqualTo(at(0));
                assertThat(a.lastSeen).isEqualTo(at(40));
                assertThat(a.groupKey).isEqualTo("source.ip=" + ATTACKER);
                assertThat(a.hosts).containsExactly("web-01");
                assertThat(a.status).isEqualTo("open");
            });
        }
    }

    @Test
    void repeatsUpdateTheSameAlert() throws Exception {
        try (var h = new RuleHarness(RULE)) {
            for (int i = 0; i < 7; i++) {
                h.send(sshFailure(i * 5, i % 2 == 0 ? "web-01" : "web-02", ATTACKER));
            }
            assertThat(h.emissions()).hasSize(3).extracting(a -> a.count).containsExactly(5L, 6L, 7L);
            assertThat(h.emissions())
                    .extracting(a -> a.id)
                    .containsOnly(h.emissions().get(0).id);
            assertThat(h.emissions().get(2).hosts).containsExactly("web-01", "web-02");
        }
    }

    @Test
    void aGroupFarBehindTheWatermarkIsStillEvaluatedOnItsOwnClock() throws Exception {
        try (var h = new RuleHarness(RULE)) {
            h.watermark(at(3600)); // the rest of the fleet moved event time an hour ahead
            for (int i = 0; i < 5; i++) {
                h.send(sshFailure(i * 5, "db-02", "198.51.100.99"));
            }
            assertThat(h.onlyFinalAlert().firstSeen).isEqualTo(at(0));
            assertThat(h.late()).isEmpty();
        }
    }

    @Test
    void stateSurvivesASnapshotAndRestore() throws Exception {
        List<LogEvent> before = IntStream.range(0, 4)
                .mapToObj(i -> sshFailure(i * 10, "web-01", ATTACKER))
                .toList();
        try (var restored = RuleHarness.restoredAfter(RULE, before)) {
            restored.send(sshFailure(45, "web-01", ATTACKER));
            assertThat(restored.emissions()).singleElement().satisfies(a -> {
                assertThat(a.count).isEqualTo(5);
                assertThat(a.firstSeen).isEqualTo(at(0));
            });
        }
    }

    @Test
    void idleGroupStateIsRemovedOnceItsInputsAreFinalAndTheWatermarkPassedItsRetention() throws Exception {
        try (var h = new RuleHarness(RULE)) {
            h.processingTime(0);
            for (int i = 0; i < 5; i++) {
                h.send(sshFailure(i, "web-01", ATTACKER));
            }
            assertThat(h.harness.numKeyedStateEntries()).isPositive();
            long retention = Duration.ofMinutes(10).toMillis();
            h.watermark(at(4) + retention + 1);
            assertThat(h.harness.numKeyedStateEntries())
                    .as("inputs still within the reorder window")
                    .isPositive();
            h.processingTime(DetectionSettings.DEFAULT_REORDER_WINDOW.toMillis() + 1);
            h.watermark(at(4) + retention + 2);
            assertThat(h.harness.numKeyedStateEntries()).isZero();
            assertThat(h.harness.numEventTimeTimers()).isZero();
            assertThat(h.harness.numProcessingTimeTimers()).isZero();
        }
    }
}
