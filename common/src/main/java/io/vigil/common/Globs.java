package io.vigil.common;

import java.util.regex.Pattern;

/**
 * Globs: {@code *} any run of characters, {@code ?} one character, {@code \*} and {@code \?}
 * themselves. Host globs (asset inventory, host scoping) and Sigma's wildcards share them.
 */
public final class Globs {
    private Globs() {
    }

    /** A pattern matching exactly what the glob matches, whole string. */
    public static Pattern toPattern(String glob) {
        return Pattern.compile(toRegex(glob));
    }

    /** The regular expression of a glob (unanchored text; use with {@code matches()}). */
    public static String toRegex(String glob) {
        StringBuilder regex = new StringBuilder(glob.length() + 8);
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '\\' && i + 1 < glob.length() && (glob.charAt(i + 1) == '*' || glob.charAt(i + 1) == '?')) {
                literal.append(glob.charAt(++i));
            } else if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return regex.toString();
    }
}
