package io.vigil.job.protect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every built-in secret pattern runs in time linear in the text (issue 16: jwt took 33 s and
 * url-password 70 s on a 100 KB line, hours at the 1 MiB record limit). Measured without a clock:
 * the text is a CharSequence that counts the characters the regex engine reads; growing an
 * adversarial text tenfold must grow the reads about tenfold, not a hundredfold.
 */
class SecretPatternLinearityTest {
    private static final int SMALL = 20_000;
    private static final int LARGE = 200_000;
    /** Linear is 10; a quadratic pattern reads about 100 times more. */
    private static final double MAX_GROWTH = 15;

    /** Texts that make a backtracking pattern revisit its input, each built to a given length. */
    private static final Map<String, java.util.function.IntFunction<String>> ADVERSARIAL = new LinkedHashMap<>();

    static {
        ADVERSARIAL.put("-eyJ repeated (issue 16)", n -> "GET /q?" + repeat("-eyJ", n));
        ADVERSARIAL.put("a. repeated then ' ://' (issue 16)", n -> repeat("a.", n) + " ://");
        ADVERSARIAL.put("one token run, a JWT start at its end", n -> "eyJ" + repeat("a-", n) + ".eyJabcde.x");
        ADVERSARIAL.put("-eyJ repeated then .eyJ", n -> repeat("-eyJ", n) + ".eyJ");
        ADVERSARIAL.put("scheme://user:pass without @", n -> "a://x:" + repeat("y:", n));
        ADVERSARIAL.put("scheme:// repeated", n -> repeat("a://b:", n));
        ADVERSARIAL.put("digits and spaces", n -> repeat("1 ", n));
        ADVERSARIAL.put("digits and dashes", n -> repeat("4-", n));
        ADVERSARIAL.put("password= repeated", n -> repeat("password=", n));
        ADVERSARIAL.put("password then spaces", n -> "password" + repeat(" ", n) + "x");
        ADVERSARIAL.put("password= then spaces", n -> "password=" + repeat(" ", n));
        ADVERSARIAL.put("bearer then spaces", n -> "bearer" + repeat(" ", n) + "abc");
        ADVERSARIAL.put("bearer repeated", n -> repeat("bearer ", n));
        ADVERSARIAL.put("BEGIN PRIVATE KEY repeated", n -> repeat("-----BEGIN PRIVATE KEY-----", n));
        ADVERSARIAL.put("BEGIN and words", n -> "-----BEGIN " + repeat("A ", n));
        ADVERSARIAL.put("END and words", n -> "-----BEGIN PRIVATE KEY-----" + repeat("-----END A A A A A ", n));
        ADVERSARIAL.put("AKIA repeated", n -> repeat("AKIA", n));
        ADVERSARIAL.put("BEGIN and a marker repeated", n -> repeat("-----BEGIN PRIVATE KEY-----[REDACTED:jwt]", n));
        ADVERSARIAL.put("markers inside a password run", n -> "a://b:" + repeat("x[REDACTED:jwt]", n) + "@h");
        ADVERSARIAL.put("credential and marker repeated", n -> repeat("password=a[REDACTED:jwt]", n));
    }

    private static String repeat(String unit, int length) {
        return unit.repeat(Math.max(1, length / unit.length()));
    }

    static Stream<Arguments> patternsAndTexts() {
        List<SecretPattern> patterns = ProtectionConfig.builtIn().patterns();
        return patterns.stream()
                .flatMap(p -> ADVERSARIAL.keySet().stream().map(text -> Arguments.of(p.name(), text, p)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("patternsAndTexts")
    void readsGrowLinearlyWithTheText(String name, String text, SecretPattern pattern) {
        long small = reads(pattern, ADVERSARIAL.get(text).apply(SMALL));
        long large = reads(pattern, ADVERSARIAL.get(text).apply(LARGE));
        assertThat((double) large / Math.max(small, 1))
                .as("reads at 10x the length: %d -> %d", small, large)
                .isLessThan(MAX_GROWTH);
    }

    /** Characters the pattern's engine reads while finding every match in the text. */
    private static long reads(SecretPattern pattern, String text) {
        CountingText counted = new CountingText(text);
        TextPattern.Scan scan = pattern.pattern().scan(counted);
        while (scan.find()) {
            // every match, as the redactor does
        }
        return counted.reads;
    }

    /** A text that counts how often it is read. */
    private static final class CountingText implements CharSequence {
        private final String text;
        long reads;

        CountingText(String text) {
            this.text = text;
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            reads++;
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            reads += end - start;
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            reads += text.length();
            return text;
        }
    }
}
