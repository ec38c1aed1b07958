package io.vigil.detection.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.detection.condition.Condition;
import io.vigil.detection.rule.RuleSyntaxException;
import org.junit.jupiter.api.Test;

class SelectionGrammarTest {
    /** Every field named 'bad' is an error at its line. */
    private static final SelectionGrammar.Dialect DIALECT = new SelectionGrammar.Dialect() {
        @Override
        public Condition field(YamlMap.Entry field) throws RuleSyntaxException {
            if (field.key().equals("bad")) {
                throw new RuleSyntaxException(field.line(), "bad field");
            }
            return Condition.ALWAYS;
        }

        @Override
        public Condition keywords(YamlMap.Entry selection) {
            return Condition.NEVER;
        }

        @Override
        public boolean scalarIsKeyword() {
            return false;
        }

        @Override
        public boolean reportsEachAlternative() {
            return true;
        }
    };

    private static YamlMap.Entry selection(String yaml) throws RuleSyntaxException {
        return YamlMap.of(YamlDocuments.single(yaml, "a test"), "a test").get("sel");
    }

    @Test
    void reportingEachRecordsEveryBadFieldOfEveryAlternative() throws RuleSyntaxException {
        RuleErrors errors = new RuleErrors("r.yml");
        YamlMap.Entry item = selection("sel:\n  - bad: 1\n    ok: 2\n  - bad: 3\n");

        assertThatThrownBy(() -> SelectionGrammar.selection(item, DIALECT, errors))
                .isInstanceOf(RuleErrors.AlreadyReported.class);
        assertThat(errors.list()).extracting(RuleError::line).containsExactly(2, 4);
    }

    @Test
    void withoutAnErrorListTheFirstBadFieldIsThrown() throws RuleSyntaxException {
        YamlMap.Entry item = selection("sel:\n  - bad: 1\n  - bad: 3\n");

        assertThatThrownBy(() -> SelectionGrammar.selection(item, DIALECT, null))
                .hasMessage("bad field")
                .extracting(e -> ((RuleSyntaxException) e).line())
                .isEqualTo(2);
    }

    @Test
    void aScalarIsNoSelectionUnlessTheDialectReadsItAsAKeyword() throws RuleSyntaxException {
        assertThatThrownBy(() -> SelectionGrammar.selection(selection("sel: word\n"), DIALECT, null))
                .hasMessage("selection 'sel' must be a mapping of field: value, a list of such mappings, or a list"
                        + " of keywords");
    }
}
