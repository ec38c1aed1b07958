package io.vigil.detection.runtime;

import static io.vigil.detection.Fixtures.sshFailure;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.common.DeadLetter;
import io.vigil.common.LogEvent;
import io.vigil.detection.Fixtures;
import io.vigil.detection.condition.Condition;
import io.vigil.detection.rule.Rule;
import java.util.List;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** A rule whose conditions fail on an event costs that rule's verdict, never the event or the job (issue 16). */
class RuleRouterFailuresTest {
    private static final String MATCH = """
            id: root-login
            title: Root login failed
            severity: MEDIUM
            kind: match
            detection:
              failed: {event.action: ssh_login, event.outcome: failure}
              condition: failed
            """;

    /** The same rule with conditions that throw, as a defect hit by an event's content would. */
    private static Rule failing(Rule r) {
        Condition broken = event -> {
            throw new IllegalStateException("condition defect");
        };
        return new Rule(
                r.id() + "-broken",
                r.title(),
                r.description(),
                r.severity(),
                r.escalations(),
                r.tags(),
                r.enabled(),
                r.spec(),
                r.groupBy(),
                r.suppress(),
                r.summary(),
                broken,
                r.source(),
                r.line(),
                r.activation());
    }

    @Test
    void theEventGoesOnWithTheOtherRulesVerdictsAndTheFailureIsADeadLetter() throws Exception {
        Rule match = Fixtures.rule(MATCH);
        Rule count = Fixtures.rule(Fixtures.BRUTE_FORCE);
        RuleRouter router = new RuleRouter(List.of(failing(match), match, failing(count), count));
        try (var harness = ProcessFunctionTestHarnesses.forProcessFunction(router)) {
            LogEvent event = sshFailure(0, "web-01", "203.0.113.7");
            harness.processElement(event, event.timestamp);

            assertThat(harness.extractOutputValues())
                    .singleElement()
                    .satisfies(out ->
                            assertThat(out.threats).extracting(t -> t.ruleId).containsExactly("root-login"));
            assertThat(harness.getSideOutput(RuleRouter.inputsOf(count))).hasSize(1);
            List<DeadLetter> letters = harness.getSideOutput(RuleRouter.FAILURES).stream()
                    .map(r -> r.getValue())
                    .toList();
            assertThat(letters).extracting(l -> l.stage).containsOnly("detect-rules");
            assertThat(letters)
                    .extracting(l -> l.reason)
                    .satisfiesExactly(
                            r -> assertThat(r)
                                    .startsWith(
                                            "rule root-login-broken: unexpected IllegalStateException: condition defect"),
                            r -> assertThat(r).startsWith("rule brute-broken: unexpected IllegalStateException"));
            assertThat(letters).extracting(l -> l.id).containsOnly(event.id);
        }
    }
}
