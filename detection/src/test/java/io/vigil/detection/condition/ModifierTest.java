package io.vigil.detection.condition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.detection.rule.RuleSyntaxException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModifierTest {
    @Test
    void readsTheModifiersOfAKeyInTheOrderWritten() throws RuleSyntaxException {
        assertThat(Modifier.parse("|wide|base64offset|contains", "process.command_line", 4))
                .containsExactly(Modifier.WIDE, Modifier.BASE64OFFSET, Modifier.CONTAINS);
        assertThat(Modifier.parse("", "process.command_line", 4)).isEmpty();
    }

    @Test
    void anUnknownModifierIsAnErrorAtItsLineNamingTheKnownOnes() {
        assertThatThrownBy(() -> Modifier.parse("|contains|containz", "process.command_line", 7))
                .isInstanceOf(RuleSyntaxException.class)
                .hasMessage(
                        "unknown modifier 'containz' on process.command_line (known: contains, startswith, endswith,"
                                + " re, cidr, gt, gte, lt, lte, exists, fieldref, all, cased, base64, base64offset, windash,"
                                + " wide, utf16le, utf16be, utf16; i, m, s after re)")
                .extracting(e -> ((RuleSyntaxException) e).line())
                .isEqualTo(7);
    }

    @Test
    void aRegexFlagAnywhereButAfterReIsAnUnknownModifier() throws RuleSyntaxException {
        assertThat(FieldKey.of("message", List.of(Modifier.RE, Modifier.I), 1).regexFlags())
                .isEqualTo(LinearRegex.CASE_INSENSITIVE);
        assertThatThrownBy(() -> FieldKey.of("message", List.of(Modifier.CONTAINS, Modifier.I), 1))
                .hasMessageStartingWith("unknown modifier 'i' on message");
    }

    @Test
    void writesModifiersBackAsTheyAreWritten() {
        assertThat(Modifier.written(List.of(Modifier.CONTAINS, Modifier.ALL))).isEqualTo("|contains|all");
        assertThat(Modifier.mentions("|expand|contains", Modifier.EXPAND)).isTrue();
        assertThat(Modifier.mentions("|expanded", Modifier.EXPAND)).isFalse();
    }
}
