package io.vigil.detection.condition;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * Compiles the regular expressions rule authors write ({@code re} modifiers, wildcard values) and
 * operators write (redaction patterns in {@code protection.yml}) with RE2/J, whose matching time is linear in the text whatever the expression: a rule must not
 * be able to make a condition backtrack for minutes on a long field (issue 16). RE2 syntax is
 * Java's minus what needs backtracking: backreferences, lookahead and lookbehind, possessive
 * quantifiers; {@code rules validate} reports those with the rule's file and line.
 */
public final class LinearRegex {
    /** What every syntax error adds, so the author knows why a Java-valid expression is refused. */
    public static final String SYNTAX = "regular expressions are RE2 syntax, run in linear time on any text: "
            + "no backreferences, lookahead, lookbehind or possessive quantifiers";

    public static final int CASE_INSENSITIVE = Pattern.CASE_INSENSITIVE;
    public static final int DOTALL = Pattern.DOTALL;
    public static final int MULTILINE = Pattern.MULTILINE;

    private LinearRegex() {}

    /** @throws IllegalArgumentException naming what RE2 cannot run, and why */
    public static Pattern compile(String regex, int flags) {
        try {
            return Pattern.compile(regex, flags);
        } catch (PatternSyntaxException e) {
            String message = e.getMessage() == null ? e.getDescription() : e.getMessage();
            throw new IllegalArgumentException(
                    message.replaceFirst("^error parsing regexp: ", "") + " (" + SYNTAX + ")");
        }
    }
}
