package io.vigil.detection.runtime;

import static io.vigil.detection.Fixtures.at;
import static io.vigil.detection.Fixtures.sshFailure;
import static io.vigil.detection.Fixtures.sshSuccess;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.common.LogEvent;
import io.vigil.detection.Fixtures;
import io.vigil.detection.rule.Rule;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.cep.nfa.compiler.NFACompiler;
import org.apache.flink.cep.operator.CepOperator;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The compiled CEP pattern of a sequence rule in the CEP operator, as Flink's own CEP tests do it. */
class SequenceOperatorTest {
    private static final Rule RULE = Fixtures.rule(Fixtures.BRUTE_THEN_SUCCESS);
    private static final RuleProjection PROJECTION = new RuleProjection(RULE);
    private static final String ATTACKER = "203.0.113.7";

    private static KeyedOneInputStreamOperatorTestHarness<String, RuleInput, Hit> harness() throws Exception {
        Pattern<RuleInput, RuleInput> pattern = SequencePatterns.compile(RULE);
        CepOperator<RuleInput, String, Hit> operator = new CepOperator<>(
                TypeInformation.of(RuleInput.class).createSerializer(new ExecutionConfig().getSerializerConfig()),
                false, NFACompiler.compileFactory(pattern, false), null, pattern.getAfterMatchSkipStrategy(),
                new SequenceMatches(), LateEvents.TAG);
        return new KeyedOneInputStreamOperatorTestHarness<>(operator, (RuleInput in) -> in.key, Types.STRING);
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<String, RuleInput, Hit> h, LogEvent e) throws Exception {
        h.processElement(PROJECTION.project(e), e.timestamp);
    }

    @Test
    void failuresThenSuccessIsOneMatchWithEveryEvent() throws Exception {
        try (var h = harness()) {
            h.open();
            for (int i = 0; i < 7; i++) {
                send(h, sshFailure(i * 5, "web-01", ATTACKER));
            }
            send(h, sshSuccess(60, "web-01", ATTACKER));
            h.processWatermark(new Watermark(at(120)));
            assertThat(h.extractOutputValues()).singleElement().satisfies(hit -> {
                assertThat(hit.groupKey).isEqualTo("source.ip=" + ATTACKER);
                assertThat(hit.evidence).hasSize(8);
                assertThat(hit.first()).isEqualTo(at(0));
                assertThat(hit.last()).isEqualTo(at(60));
            });
        }
    }

    @Test
    void tooFewFailuresOrTooLateASuccessDoNotMatch() throws Exception {
        try (var h = harness()) {
            h.open();
            for (int i = 0; i < 4; i++) {
                send(h, sshFailure(i, "web-01", ATTACKER));
            }
            send(h, sshSuccess(10, "web-01", ATTACKER));
            for (int i = 0; i < 5; i++) {
                send(h, sshFailure(100 + i, "web-01", "198.51.100.1"));
            }
            send(h, sshSuccess(100 + 11 * 60, "web-01", "198.51.100.1"));
            h.processWatermark(new Watermark(at(2000)));
            assertThat(h.extractOutputValues()).isEmpty();
        }
    }

    @Test
    void aPartialMatchSurvivesASnapshotAndRestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            for (int i = 0; i < 5; i++) {
                send(h, sshFailure(i * 5, "web-01", ATTACKER));
            }
            h.processWatermark(new Watermark(at(30)));
            snapshot = h.snapshot(1L, at(30));
        }
        try (var restored = harness()) {
            restored.initializeState(snapshot);
            restored.open();
            restored.processElement(PROJECTION.project(sshSuccess(90, "web-01", ATTACKER)), at(90));
            restored.processWatermark(new Watermark(at(200)));
            assertThat(restored.extractOutputValues()).singleElement()
                    .satisfies(hit -> assertThat(hit.evidence).hasSize(6));
        }
    }

    @Test
    void eventsBehindTheWatermarkGoToTheLateOutput() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processWatermark(new Watermark(at(3600)));
            LogEvent late = sshFailure(0, "db-02", ATTACKER);
            send(h, late);
            assertThat(h.getSideOutput(LateEvents.TAG)).extracting(r -> r.getValue().id).containsExactly(late.id);
        }
    }
}
