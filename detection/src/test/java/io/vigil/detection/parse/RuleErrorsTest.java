package io.vigil.detection.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.detection.rule.RuleSyntaxException;
import org.junit.jupiter.api.Test;

class RuleErrorsTest {
    @Test
    void aPartAbandonedForErrorsReportedAlreadyAddsNothing() {
        RuleErrors errors = new RuleErrors("r.yml");
        errors.add(3, "unknown field 'x'");

        Object result = errors.attempt(() -> {
            throw new RuleErrors.AlreadyReported();
        });

        assertThat(result).isNull();
        assertThat(errors.list()).extracting(RuleError::toString).containsExactly("r.yml:3: unknown field 'x'");
    }

    @Test
    void aPartThatFailsWithItsOwnProblemAddsIt() {
        RuleErrors errors = new RuleErrors("r.yml");

        errors.attempt(() -> {
            throw new RuleSyntaxException(7, "suppress must be longer than 0");
        });

        assertThat(errors.list())
                .extracting(RuleError::toString)
                .containsExactly("r.yml:7: suppress must be longer than 0");
    }
}
