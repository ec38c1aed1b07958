package io.vigil.detection.runtime;

import io.vigil.detection.rule.Quantifier;
import io.vigil.detection.rule.Rule;
import io.vigil.detection.rule.RuleSyntaxException;
import io.vigil.detection.rule.Step;
import java.util.List;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.nfa.compiler.NFACompiler;
import org.apache.flink.cep.pattern.MalformedPatternException;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;

/**
 * Compiles a {@code sequence} rule into a Flink CEP {@link Pattern} over the rule's
 * {@link RuleInput}s: one pattern per step, {@code next} for strict and {@code followedBy} for
 * relaxed contiguity, {@code times} / {@code timesOrMore} (with {@code consecutive} when strict)
 * and {@code optional} for the quantifiers, {@code within} for the window. Step conditions were
 * evaluated once by {@link RuleRouter}: here a step tests its bit. After a match, matching
 * resumes past its last event, so one burst of evidence is one match, not every combination.
 */
public final class SequencePatterns {
    private SequencePatterns() {}

    public static Pattern<RuleInput, RuleInput> compile(Rule rule) {
        Pattern<RuleInput, RuleInput> pattern = null;
        List<Step> steps = rule.sequence().steps();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            if (pattern == null) {
                pattern = Pattern.begin(step.name(), AfterMatchSkipStrategy.skipPastLastEvent());
            } else {
                pattern = step.strict() ? pattern.next(step.name()) : pattern.followedBy(step.name());
            }
            pattern = pattern.where(new StepCondition(i));
            Quantifier q = step.quantifier();
            if (!q.once()) {
                if (q.unbounded()) {
                    pattern = pattern.timesOrMore(q.min());
                } else if (q.min() == q.max()) {
                    pattern = pattern.times(q.min());
                } else {
                    pattern = pattern.times(q.min(), q.max());
                }
                if (step.strict()) {
                    pattern = pattern.consecutive();
                }
            }
            if (q.optional()) {
                pattern = pattern.optional();
            }
        }
        return pattern.within(rule.sequence().within());
    }

    /** Compiles the pattern as the CEP operator would, so a pattern CEP rejects fails validation. */
    public static void check(Rule rule, int line) throws RuleSyntaxException {
        if (rule.sequence().steps().size() > 31) {
            throw new RuleSyntaxException(line, "a sequence has at most 31 steps");
        }
        try {
            Pattern<RuleInput, RuleInput> pattern = compile(rule);
            NFACompiler.compileFactory(pattern, false);
            if (NFACompiler.canProduceEmptyMatches(pattern)) {
                throw new RuleSyntaxException(line, "the sequence can match no event at all: make a step non-optional");
            }
        } catch (MalformedPatternException e) {
            throw new RuleSyntaxException(line, "CEP rejects this sequence: " + e.getMessage());
        }
    }

    /** Step i's condition: the router already evaluated it into bit i. */
    static final class StepCondition extends SimpleCondition<RuleInput> {
        private static final long serialVersionUID = 1L;
        private final int bit;

        StepCondition(int step) {
            this.bit = 1 << step;
        }

        @Override
        public boolean filter(RuleInput input) {
            return (input.steps & bit) != 0;
        }
    }
}
