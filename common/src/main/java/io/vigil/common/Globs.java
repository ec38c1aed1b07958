package io.vigil.common;

import java.util.regex.Pattern;

/** Host globs ({@code web-*}, {@code db-0?}) as used by the asset inventory and host scoping. */
public final class Globs {
    private Globs() {
    }

    /** A regex matching exactly what the glob matches: {@code *} any run, {@code ?} one character. */
    public static Pattern toPattern(String glob) {
        StringBuilder regex = new StringBuilder(glob.length() + 8);
        StringBuilder literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
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
        return Pattern.compile(regex.toString());
    }
}
