package io.vigil.detection.runtime;

import static io.vigil.detection.Fixtures.at;
import static io.vigil.detection.Fixtures.sshFailure;
import static io.vigil.detection.Fixtures.sshSuccess;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.common.LogEvent;
import io.vigil.detection.alert.Alert;
import io.vigil.detection.parse.RuleParser;
import io.vigil.detection.rule.Rule;
import io.vigil.detection.sigma.FieldMapping;
import io.vigil.detection.sigma.SigmaParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Sigma correlations as the job runs them: compiled from Sigma text, projected by the router,
 * judged by the keyed count operators over event streams.
 */
class SigmaCorrelationOperatorTest {
    private static final String ATTACKER = "203.0.113.7";
    private static final String FAIL_AND_OK = """
            title: Fail
            name: fail
            logsource: {product: linux, service: sshd}
            detection:
              s: {event.outcome: failure}
              condition: s
            ---
            title: Ok
            name: ok
            logsource: {product: linux, service: sshd}
            detection:
              s: {event.outcome: success}
              condition: s
            ---
            title: Anything From sshd
            name: anything
            logsource: {product: linux, service: sshd}
            detection:
              s: {event.category: authentication}
              condition: s
            ---
            """;

    private static Rule correlation(String yaml) throws Exception {
        List<Rule> rules = new ArrayList<>();
        RuleParser.Parsed parsed = SigmaParser.parseAll(
                "c.yml",
                FAIL_AND_OK + yaml,
                FieldMapping.load(Path.of("..", "rules", "sigma", FieldMapping.FILE_NAME)),
                rules);
        assertThat(parsed.errors()).isEmpty();
        return rules.get(rules.size() - 1);
    }

    private static final class Stream implements AutoCloseable {
        final RuleProjection projection;
        final KeyedOneInputStreamOperatorTestHarness<String, RuleInput, Alert> harness;

        Stream(Rule rule, KeyedProcessFunction<String, RuleInput, Alert> function) throws Exception {
            projection = new RuleProjection(rule);
            harness = new KeyedOneInputStreamOperatorTestHarness<>(
                    new KeyedProcessOperator<>(function), (RuleInput in) -> in.key, Types.STRING);
            harness.open();
        }

        Stream send(LogEvent... events) throws Exception {
            for (LogEvent e : events) {
                RuleInput input = projection.project(e);
                if (input != null) {
                    harness.processElement(input, e.timestamp);
                }
            }
            return this;
        }

        List<Alert> alerts() {
            return harness.extractOutputValues();
        }

        @Override
        public void close() throws Exception {
            harness.close();
        }
    }

    @Nested
    class Temporal {
        private Stream stream() throws Exception {
            Rule rule = correlation("title: Both\ncorrelation:\n  type: temporal\n  rules: [fail, ok]\n"
                    + "  group-by: [SourceIp]\n  timespan: 5m\n");
            return new Stream(rule, OrderedRuleFunction.of(rule, DetectionSettings.DEFAULTS));
        }

        @Test
        void firesWhenEveryRuleMatchedInOrder() throws Exception {
            try (Stream s = stream()) {
                s.send(sshFailure(0, "web-01", ATTACKER), sshFailure(10, "web-01", ATTACKER));
                assertThat(s.alerts()).isEmpty();
                s.send(sshSuccess(60, "web-01", ATTACKER));
                assertThat(s.alerts()).singleElement().satisfies(a -> {
                    assertThat(a.firstSeen).isEqualTo(at(0));
                    assertThat(a.lastSeen).isEqualTo(at(60));
                    assertThat(a.groupKey).isEqualTo("source.address=" + ATTACKER);
                });
            }
        }

        @Test
        void firesWhenEveryRuleMatchedInTheOtherOrder() throws Exception {
            try (Stream s = stream()) {
                s.send(sshSuccess(0, "web-01", ATTACKER));
                assertThat(s.alerts()).isEmpty();
                s.send(sshFailure(30, "web-01", ATTACKER));
                assertThat(s.alerts())
                        .singleElement()
                        .satisfies(a -> assertThat(a.count).isEqualTo(2));
            }
        }

        @Test
        void oneRuleManyTimesIsNotEnough() throws Exception {
            try (Stream s = stream()) {
                for (int i = 0; i < 20; i++) {
                    s.send(sshFailure(i, "web-01", ATTACKER));
                }
                assertThat(s.alerts()).isEmpty();
            }
        }

        @Test
        void oneEventMeetingEveryRuleIsEnough() throws Exception {
            Rule rule = correlation("title: Both\ncorrelation:\n  type: temporal\n  rules: [fail, anything]\n"
                    + "  group-by: [SourceIp]\n  timespan: 5m\n");
            try (Stream s = new Stream(rule, OrderedRuleFunction.of(rule, DetectionSettings.DEFAULTS))) {
                s.send(sshFailure(0, "web-01", ATTACKER));
                assertThat(s.alerts())
                        .singleElement()
                        .satisfies(a -> assertThat(a.count).isEqualTo(1));
            }
        }

        @Test
        void theRulesMustMatchWithinTheTimespanAndForTheSameGroup() throws Exception {
            try (Stream s = stream()) {
                s.send(sshFailure(0, "web-01", ATTACKER), sshSuccess(301, "web-01", ATTACKER));
                s.send(sshSuccess(302, "web-01", "198.51.100.1"));
                assertThat(s.alerts()).isEmpty();
                s.send(sshFailure(400, "web-01", ATTACKER));
                assertThat(s.alerts())
                        .singleElement()
                        .satisfies(a -> assertThat(a.firstSeen).isEqualTo(at(301)));
            }
        }
    }

    @Nested
    class DecidedWhenTheWindowCloses {
        private Stream stream(String condition) throws Exception {
            Rule rule = correlation("title: Few\ncorrelation:\n  type: event_count\n  rules: [fail]\n"
                    + "  group-by: [SourceIp]\n  timespan: 5m\n  condition: " + condition + "\n");
            assertThat(rule.count().decidedAtWindowEnd()).isTrue();
            return new Stream(rule, OrderedRuleFunction.of(rule, DetectionSettings.DEFAULTS));
        }

        @Test
        void ltFiresOnlyOnceTheWindowHasClosedWithFewerEvents() throws Exception {
            try (Stream s = stream("{lt: 3}")) {
                s.send(sshFailure(0, "web-01", ATTACKER), sshFailure(100, "web-01", ATTACKER));
                assertThat(s.alerts()).as("more may still come").isEmpty();
                s.harness.processWatermark(new Watermark(at(300)));
                assertThat(s.alerts()).singleElement().satisfies(a -> {
                    assertThat(a.count).isEqualTo(2);
                    assertThat(a.firstSeen).isEqualTo(at(0));
                });
            }
        }

        @Test
        void ltDoesNotFireWhenTheWindowFilledUp() throws Exception {
            try (Stream s = stream("{lt: 3}")) {
                s.send(
                        sshFailure(0, "web-01", ATTACKER),
                        sshFailure(100, "web-01", ATTACKER),
                        sshFailure(200, "web-01", ATTACKER));
                s.harness.processWatermark(new Watermark(at(400)));
                assertThat(s.alerts()).isEmpty();
            }
        }

        @Test
        void eqNeedsExactlyThatMany() throws Exception {
            try (Stream s = stream("{eq: 2}")) {
                s.send(
                        sshFailure(0, "web-01", ATTACKER),
                        sshFailure(10, "web-01", ATTACKER),
                        sshFailure(20, "web-01", ATTACKER));
                s.send(sshFailure(0, "web-01", "198.51.100.1"), sshFailure(10, "web-01", "198.51.100.1"));
                s.harness.processWatermark(new Watermark(at(400)));
                assertThat(s.alerts())
                        .singleElement()
                        .satisfies(a -> assertThat(a.groupKey).isEqualTo("source.address=198.51.100.1"));
            }
        }

        @Test
        void anOpenWindowSurvivesASnapshotAndRestore() throws Exception {
            Rule rule = correlation("title: Few\ncorrelation:\n  type: event_count\n  rules: [fail]\n"
                    + "  group-by: [SourceIp]\n  timespan: 5m\n  condition: {lt: 3}\n");
            OperatorSubtaskState snapshot;
            try (Stream s = new Stream(rule, OrderedRuleFunction.of(rule, DetectionSettings.DEFAULTS))) {
                s.send(sshFailure(0, "web-01", ATTACKER), sshFailure(100, "web-01", ATTACKER));
                snapshot = s.harness.snapshot(1L, at(100));
            }
            try (var restored = new KeyedOneInputStreamOperatorTestHarness<String, RuleInput, Alert>(
                    new KeyedProcessOperator<>(OrderedRuleFunction.of(rule, DetectionSettings.DEFAULTS)),
                    (RuleInput in) -> in.key,
                    Types.STRING)) {
                restored.initializeState(snapshot);
                restored.open();
                restored.processWatermark(new Watermark(at(300)));
                assertThat(restored.extractOutputValues())
                        .singleElement()
                        .satisfies(a -> assertThat(a.count).isEqualTo(2));
            }
        }

        @Test
        void theGroupsNextEventPastTheWindowClosesItWithoutWaitingForTheWatermark() throws Exception {
            try (Stream s = stream("{gte: 2, lte: 3}")) {
                s.send(sshFailure(0, "web-01", ATTACKER), sshFailure(10, "web-01", ATTACKER));
                s.send(sshFailure(301, "web-01", ATTACKER)); // opens the next window
                assertThat(s.alerts())
                        .singleElement()
                        .satisfies(a -> assertThat(a.count).isEqualTo(2));
                s.harness.processWatermark(new Watermark(at(700)));
                assertThat(s.alerts()).as("the second window held one event").hasSize(1);
            }
        }
    }
}
