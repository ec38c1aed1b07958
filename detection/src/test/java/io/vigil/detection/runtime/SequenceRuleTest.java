package io.vigil.detection.runtime;

import static io.vigil.detection.Fixtures.sshFailure;
import static io.vigil.detection.Fixtures.sshSuccess;
import static io.vigil.detection.runtime.RuleHarness.assertEvents;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.common.LogEvent;
import io.vigil.detection.Fixtures;
import io.vigil.detection.alert.Alert;
import io.vigil.detection.rule.Rule;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A sequence rule's operator (Flink CEP's NFA over the sorted inputs) in the keyed operator harness. */
class SequenceRuleTest {
    private static final Rule RULE = Fixtures.rule(Fixtures.BRUTE_THEN_SUCCESS);
    private static final String ATTACKER = "203.0.113.7";

    @Test
    void failuresThenSuccessIsOneMatchWithEveryEventAtOnce() throws Exception {
        try (var h = new RuleHarness(RULE)) {
            for (int i = 0; i < 7; i++) {
                h.send(sshFailure(i * 5, "web-01", ATTACKER));
            }
            h.send(sshSuccess(60, "web-01", ATTACKER));
            // without any watermark: a quiet night does not hold the alert back
            Alert alert = h.onlyEmission();
            assertThat(alert.groupKey).isEqualTo("source.ip=" + ATTACKER);
            assertEvents(alert, 8, 0, 60);
        }
    }

    @Test
    void tooFewFailuresOrTooLateASuccessDoNotMatch() throws Exception {
        try (var h = new RuleHarness(RULE)) {
            for (int i = 0; i < 4; i++) {
                h.send(sshFailure(i, "web-01", ATTACKER));
            }
            h.send(sshSuccess(10, "web-01", ATTACKER));
            for (int i = 0; i < 5; i++) {
                h.send(sshFailure(100 + i, "web-01", "198.51.100.1"));
            }
            h.send(sshSuccess(100 + 11 * 60, "web-01", "198.51.100.1"));
            assertThat(h.finalAlerts()).isEmpty();
        }
    }

    @Test
    void aPartialMatchSurvivesASnapshotAndRestore() throws Exception {
        List<LogEvent> before = IntStream.range(0, 5)
                .mapToObj(i -> sshFailure(i * 5, "web-01", ATTACKER))
                .toList();
        try (var restored = RuleHarness.restoredAfter(RULE, before)) {
            restored.send(sshSuccess(90, "web-01", ATTACKER));
            assertThat(restored.onlyEmission().count).isEqualTo(6);
        }
    }

    @Test
    void aSuccessThatArrivesBeforeTheFailuresItCompletesStillFires() throws Exception {
        try (var h = new RuleHarness(RULE)) {
            h.send(sshSuccess(60, "web-01", ATTACKER)); // its partition was read first
            for (int i = 0; i < 5; i++) {
                h.send(sshFailure(i * 5, "web-01", ATTACKER));
            }
            assertEvents(h.onlyFinalAlert(), 6, 0, 60);
        }
    }

    /**
     * Syslog has second resolution: a tool that guesses five passwords and gets in within one
     * second logs six lines with one time. Whatever order they arrive in, the failures count
     * before the success (ties are ordered by step, not by a hash that could put the success
     * first). Ten sources, so the content hashes that decided it before cover many orders.
     */
    @Test
    void failuresAndSuccessInTheSameSecondMatchWhateverOrderTheyArriveIn() throws Exception {
        try (var h = new RuleHarness(RULE)) {
            for (int s = 0; s < 10; s++) {
                String source = "198.51.100." + (10 + s);
                java.util.List<io.vigil.common.LogEvent> attempts = new java.util.ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    attempts.add(withMessage(
                            sshFailure(0, "web-01", source),
                            "Failed password for root from " + source + " port " + (40000 + i)));
                }
                attempts.add(withMessage(
                        sshSuccess(0, "web-01", source), "Accepted password for root from " + source + " port 40100"));
                java.util.Collections.rotate(attempts, s); // the success arrives at a different place for each source
                for (io.vigil.common.LogEvent e : attempts) {
                    h.send(e);
                }
            }
            assertThat(h.finalAlerts())
                    .hasSize(10)
                    .allSatisfy(a -> assertThat(a.count).isEqualTo(6));
        }
    }

    private static io.vigil.common.LogEvent withMessage(io.vigil.common.LogEvent event, String message) {
        event.message = message;
        return event;
    }
}
