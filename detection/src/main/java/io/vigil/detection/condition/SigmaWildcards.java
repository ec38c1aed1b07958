package io.vigil.detection.condition;

import java.util.regex.Pattern;

/**
 * Sigma's value syntax (Sigma specification, "Wildcards" and "Escaping"): {@code *} is any run
 * of characters and {@code ?} one character; a backslash escapes {@code *}, {@code ?} and
 * itself ({@code \*}, {@code \?}, {@code \\}) and is an ordinary character before anything else,
 * so Windows paths such as {@code C:\Windows\} need no doubling. Native rules keep the simpler
 * glob of {@link io.vigil.common.Globs}; this class is only for Sigma values.
 */
public final class SigmaWildcards {
    /** The regular expression of the value (whole-string), and its literal text when it has no wildcard. */
    public record Parsed(String regex, String literal, boolean wildcard) {}

    private SigmaWildcards() {}

    public static Parsed parse(String value) {
        StringBuilder regex = new StringBuilder(value.length() + 8);
        StringBuilder run = new StringBuilder();
        StringBuilder literal = new StringBuilder(value.length());
        boolean wildcard = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() && isSpecial(value.charAt(i + 1))) {
                char escaped = value.charAt(++i);
                run.append(escaped);
                literal.append(escaped);
            } else if (c == '*' || c == '?') {
                flush(regex, run);
                regex.append(c == '*' ? ".*" : ".");
                wildcard = true;
            } else {
                run.append(c);
                literal.append(c);
            }
        }
        flush(regex, run);
        return new Parsed(regex.toString(), literal.toString(), wildcard);
    }

    private static boolean isSpecial(char c) {
        return c == '*' || c == '?' || c == '\\';
    }

    private static void flush(StringBuilder regex, StringBuilder run) {
        if (run.length() > 0) {
            regex.append(Pattern.quote(run.toString()));
            run.setLength(0);
        }
    }
}
