package io.vigil.detection.runtime;

import static io.vigil.detection.Fixtures.at;
import static io.vigil.detection.Fixtures.sshFailure;
import static io.vigil.detection.Fixtures.sshSuccess;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.common.LogEvent;
import io.vigil.detection.Fixtures;
import io.vigil.detection.rule.Rule;
import java.util.stream.IntStream;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Sigma correlations as the job runs them: compiled from Sigma text, projected by the router,
 * judged by the keyed count operators over event streams.
 */
class SigmaCorrelationOperatorTest {
    private static final String ATTACKER = "203.0.113.7";

    /** Failed sshd logins on web-01 from {@code source}, one at each of these seconds. */
    private static LogEvent[] failures(String source, int... seconds) {
        return IntStream.of(seconds)
                .mapToObj(t -> sshFailure(t, "web-01", source))
                .toArray(LogEvent[]::new);
    }

    private static Rule correlation(String yaml) {
        return Fixtures.lastSigmaRule(Fixtures.SSHD_SIGMA_RULES + yaml);
    }

    @Nested
    class Temporal {
        private RuleHarness stream() throws Exception {
            Rule rule = correlation("title: Both\ncorrelation:\n  type: temporal\n  rules: [fail, ok]\n"
                    + "  group-by: [SourceIp]\n  timespan: 5m\n");
            return new RuleHarness(rule);
        }

        @Test
        void firesWhenEveryRuleMatchedInOrder() throws Exception {
            try (RuleHarness s = stream()) {
                s.send(failures(ATTACKER, 0, 10));
                assertThat(s.emissions()).isEmpty();
                s.send(sshSuccess(60, "web-01", ATTACKER));
                assertThat(s.emissions()).singleElement().satisfies(a -> {
                    assertThat(a.firstSeen).isEqualTo(at(0));
                    assertThat(a.lastSeen).isEqualTo(at(60));
                    assertThat(a.groupKey).isEqualTo("source.address=" + ATTACKER);
                });
            }
        }

        @Test
        void firesWhenEveryRuleMatchedInTheOtherOrder() throws Exception {
            try (RuleHarness s = stream()) {
                s.send(sshSuccess(0, "web-01", ATTACKER));
                assertThat(s.emissions()).isEmpty();
                s.send(sshFailure(30, "web-01", ATTACKER));
                assertThat(s.onlyEmission().count).isEqualTo(2);
            }
        }

        @Test
        void oneRuleManyTimesIsNotEnough() throws Exception {
            try (RuleHarness s = stream()) {
                for (int i = 0; i < 20; i++) {
                    s.send(sshFailure(i, "web-01", ATTACKER));
                }
                assertThat(s.emissions()).isEmpty();
            }
        }

        @Test
        void oneEventMeetingEveryRuleIsEnough() throws Exception {
            Rule rule = correlation("title: Both\ncorrelation:\n  type: temporal\n  rules: [fail, anything]\n"
                    + "  group-by: [SourceIp]\n  timespan: 5m\n");
            try (RuleHarness s = new RuleHarness(rule)) {
                s.send(sshFailure(0, "web-01", ATTACKER));
                assertThat(s.onlyEmission().count).isEqualTo(1);
            }
        }

        @Test
        void theRulesMustMatchWithinTheTimespanAndForTheSameGroup() throws Exception {
            try (RuleHarness s = stream()) {
                s.send(sshFailure(0, "web-01", ATTACKER), sshSuccess(301, "web-01", ATTACKER));
                s.send(sshSuccess(302, "web-01", "198.51.100.1"));
                assertThat(s.emissions()).isEmpty();
                s.send(sshFailure(400, "web-01", ATTACKER));
                assertThat(s.onlyEmission().firstSeen).isEqualTo(at(301));
            }
        }
    }

    @Nested
    class DecidedWhenTheWindowCloses {
        private RuleHarness stream(String condition) throws Exception {
            Rule rule = correlation("title: Few\ncorrelation:\n  type: event_count\n  rules: [fail]\n"
                    + "  group-by: [SourceIp]\n  timespan: 5m\n  condition: " + condition + "\n");
            assertThat(rule.count().decidedAtWindowEnd()).isTrue();
            return new RuleHarness(rule);
        }

        @Test
        void ltFiresOnlyOnceTheWindowHasClosedWithFewerEvents() throws Exception {
            try (RuleHarness s = stream("{lt: 3}")) {
                s.send(failures(ATTACKER, 0, 100));
                assertThat(s.emissions()).as("more may still come").isEmpty();
                s.watermark(at(300));
                assertThat(s.emissions()).singleElement().satisfies(a -> {
                    assertThat(a.count).isEqualTo(2);
                    assertThat(a.firstSeen).isEqualTo(at(0));
                });
            }
        }

        @Test
        void ltDoesNotFireWhenTheWindowFilledUp() throws Exception {
            try (RuleHarness s = stream("{lt: 3}")) {
                s.send(failures(ATTACKER, 0, 100, 200));
                s.watermark(at(400));
                assertThat(s.emissions()).isEmpty();
            }
        }

        @Test
        void eqNeedsExactlyThatMany() throws Exception {
            try (RuleHarness s = stream("{eq: 2}")) {
                s.send(failures(ATTACKER, 0, 10, 20));
                s.send(failures("198.51.100.1", 0, 10));
                s.watermark(at(400));
                assertThat(s.onlyEmission().groupKey).isEqualTo("source.address=198.51.100.1");
            }
        }

        @Test
        void anOpenWindowSurvivesASnapshotAndRestore() throws Exception {
            Rule rule = correlation("title: Few\ncorrelation:\n  type: event_count\n  rules: [fail]\n"
                    + "  group-by: [SourceIp]\n  timespan: 5m\n  condition: {lt: 3}\n");
            OperatorSubtaskState snapshot;
            try (RuleHarness s = new RuleHarness(rule)) {
                s.send(failures(ATTACKER, 0, 100));
                snapshot = s.harness.snapshot(1L, at(100));
            }
            try (RuleHarness restored = new RuleHarness(rule, DetectionSettings.DEFAULTS, snapshot)) {
                restored.watermark(at(300));
                assertThat(restored.onlyEmission().count).isEqualTo(2);
            }
        }

        @Test
        void theGroupsNextEventPastTheWindowClosesItWithoutWaitingForTheWatermark() throws Exception {
            try (RuleHarness s = stream("{gte: 2, lte: 3}")) {
                s.send(failures(ATTACKER, 0, 10));
                s.send(sshFailure(301, "web-01", ATTACKER)); // opens the next window
                assertThat(s.onlyEmission().count).isEqualTo(2);
                s.watermark(at(700));
                assertThat(s.emissions()).as("the second window held one event").hasSize(1);
            }
        }
    }
}
