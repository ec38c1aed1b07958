package io.vigil.detection.sigma;

import io.vigil.common.Fields;
import io.vigil.detection.condition.Condition;
import io.vigil.detection.condition.Modifier;
import io.vigil.detection.condition.Selections;
import io.vigil.detection.rule.RuleSyntaxException;
import java.util.List;

/**
 * Tests on a Sigma field mapped as {@code field or message} (web request parts): the field when
 * the event has it, else, for {@code contains} and {@code re}, the whole line in {@code message}.
 * Only parsed access-log lines and ECS events carry {@code url.query} and the like; a line no
 * parser knew must still be found by the tests the raw text can answer. An event that has the
 * field is tested on it alone: its message holds the rest of the request too, which would make
 * {@code cs-uri-query|contains: select} match a user agent.
 */
final class MessageFallback {
    private MessageFallback() {}

    /**
     * @param field     the Vigil field
     * @param modifiers the key's modifiers, possibly none
     */
    static Condition condition(String field, List<Modifier> modifiers, List<Object> values, int line)
            throws RuleSyntaxException {
        Condition onField = Selections.field(field, modifiers, values, line, Selections.Dialect.SIGMA);
        if (!(modifiers.contains(Modifier.CONTAINS) || modifiers.contains(Modifier.RE))) {
            return onField;
        }
        Condition absent =
                Selections.field(field, List.of(Modifier.EXISTS), List.of(false), line, Selections.Dialect.SIGMA);
        Condition inMessage = Selections.field(Fields.MESSAGE, modifiers, values, line, Selections.Dialect.SIGMA);
        return Condition.or(List.of(onField, Condition.and(List.of(absent, inMessage))));
    }
}
