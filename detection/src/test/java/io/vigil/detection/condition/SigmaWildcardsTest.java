package io.vigil.detection.condition;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Sigma's escaping rules, value by value (Sigma specification, "Escaping"). */
class SigmaWildcardsTest {
    @Test
    void escapedWildcardsAndBackslashesAreLiteral() {
        SigmaWildcards.Parsed parsed = SigmaWildcards.parse("a\\*b\\?c\\\\d");
        assertThat(parsed.wildcard()).isFalse();
        assertThat(parsed.literal()).isEqualTo("a*b?c\\d");
    }

    @Test
    void aBackslashBeforeAnOrdinaryCharacterOrAtTheEndStays() {
        SigmaWildcards.Parsed parsed = SigmaWildcards.parse("C:\\Windows\\");
        assertThat(parsed.wildcard()).isFalse();
        assertThat(parsed.literal()).isEqualTo("C:\\Windows\\");
    }

    @Test
    void anEscapedBackslashLeavesTheFollowingWildcardAWildcard() {
        SigmaWildcards.Parsed parsed = SigmaWildcards.parse("dir\\\\*");
        assertThat(parsed.wildcard()).isTrue();
        assertThat("dir\\file").matches(parsed.regex());
        assertThat("dirfile").doesNotMatch(parsed.regex());
    }

    @Test
    void unescapedWildcardsMatchRunsAndSingleCharacters() {
        String regex = SigmaWildcards.parse("a*b?.c").regex();
        assertThat("axxxbY.c").matches(regex);
        assertThat("abY.c").matches(regex);
        assertThat("abYY.c").doesNotMatch(regex);
        assertThat("abYxc").as("regex characters are quoted").doesNotMatch(regex);
    }
}
