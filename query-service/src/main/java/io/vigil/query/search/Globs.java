package io.vigil.query.search;

import java.util.regex.Pattern;

/** Host globs ({@code *} any run of characters, {@code ?} one character) as Elasticsearch patterns. */
public final class Globs {
    private Globs() {
    }

    public static boolean isGlob(String text) {
        return text.indexOf('*') >= 0 || text.indexOf('?') >= 0;
    }

    /**
     * The value of a {@code wildcard} query: {@code *} and {@code ?} keep their meaning, and the
     * query language's escape character {@code \} is escaped so that it matches itself.
     */
    public static String toWildcard(String glob) {
        return glob.replace("\\", "\\\\");
    }

    /**
     * The same match as a Lucene regular expression (the {@code regexp} query): {@code *} and
     * {@code ?} keep their meaning, every other character that is not a letter or digit is
     * escaped with a backslash (which makes any character literal in Lucene's syntax), so no
     * operator can be smuggled in through a glob.
     */
    public static String toRegexp(String glob) {
        StringBuilder regex = new StringBuilder(glob.length() + 8);
        glob.codePoints().forEach(c -> {
            if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else if (Character.isLetterOrDigit(c)) {
                regex.appendCodePoint(c);
            } else {
                regex.append('\\').appendCodePoint(c);
            }
        });
        return regex.toString();
    }

    /** The same match in Java (case-sensitive, as Elasticsearch's wildcard on a keyword). */
    public static boolean matches(String glob, String text) {
        if (text == null) {
            return false;
        }
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                if (!literal.isEmpty()) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(text).matches();
    }
}
