package io.vigil.job.protect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The built-in credential pattern starts with a lookahead for its first character (issue 18:
 * speed only). It must find exactly what it found before: the same matches at the same places,
 * in texts of digits, separators, credential words in any case, near words, other scripts'
 * digits and letters, combining marks and markers.
 */
class SecretPatternLookaheadProperties {
    /** The lookahead each pattern starts with (after its flags); without it, the pattern as it was. */
    private static final Map<String, String> LOOKAHEADS = Map.of("credential", "(?=[acprst])");

    private static final List<SecretPattern> BUILT_IN =
            ProtectionConfig.builtIn().patterns();

    @Property(tries = 5_000)
    void findTheSameMatchesAsWithoutTheLookahead(@ForAll("texts") String text) {
        for (SecretPattern now : BUILT_IN) {
            String lookahead = LOOKAHEADS.get(now.name());
            if (lookahead != null) {
                Pattern current = ((TextPattern.Reviewed) now.pattern()).pattern();
                assertThat(current.pattern()).contains(lookahead);
                String before = current.pattern().replace(lookahead, "");
                assertThat(matches(current, text))
                        .as(now.name() + " in " + text)
                        .isEqualTo(matches(Pattern.compile(before), text));
            }
        }
    }

    private static List<String> matches(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.start() + "-" + m.end() + ":" + m.group());
        }
        return found;
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> token = Arbitraries.oneOf(
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(19),
                Arbitraries.of("4111 1111 1111 1111", "4111-1111-1111-1111", "5500 0000 0000 0004", "378282246310005"),
                Arbitraries.of(
                        "password",
                        "PassWord",
                        "pass",
                        "passphrase",
                        "SECRET",
                        "client_secret",
                        "token",
                        "access_token",
                        "refresh_token",
                        "api_key",
                        "api-key",
                        "apikey",
                        "Access_Key",
                        "secret-key",
                        "aws_secret_access_key",
                        "private_key",
                        "publickey",
                        "bypass",
                        "tokens"),
                Arbitraries.of("=", ":", " = ", "=\"", "': '", "=hunter2", "=s3cr3t-value", "&x=1", ";"),
                Arbitraries.of(
                        " ",
                        "-",
                        "  ",
                        "_",
                        ".",
                        "\t",
                        "[REDACTED:x]",
                        "\u0661\u0662\u0663",
                        "é",
                        "\u0301",
                        "ſecret",
                        "Kelvin\u212A",
                        "x",
                        "ab",
                        "Z9"));
        return token.list().ofMaxSize(25).map(parts -> String.join("", parts));
    }
}
