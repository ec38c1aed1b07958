package io.vigil.common;

import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Globs: {@code *} any run of characters, {@code ?} one character, {@code \*} and {@code \?}
 * themselves; every other character, a backslash before anything else included, is itself.
 * The one reading of a glob everywhere one is written: hosts in {@code assets.yml}, a user's host
 * scope, notification routes, host filters of the API, and Sigma's wildcards. The translations
 * below say the same in Java, in Elasticsearch's {@code wildcard} query and in Lucene's
 * {@code regexp} query, so a search and a check in Java never disagree about a host.
 */
public final class Globs {
    private Globs() {}

    /** A pattern matching exactly what the glob matches, whole string ({@code *} crosses line breaks, as in Elasticsearch). */
    public static Pattern toPattern(String glob) {
        return Pattern.compile(toRegex(glob), Pattern.DOTALL);
    }

    /** Whether the text matches the glob, whole string, case-sensitive (as a wildcard query on a keyword). */
    public static boolean matches(String glob, String text) {
        return text != null && toPattern(glob).matcher(text).matches();
    }

    /** Whether the text has a wildcard at all (else it means only itself, and a term query says the same). */
    public static boolean isGlob(String text) {
        return !translate(text, "*", "?", run -> "").isEmpty();
    }

    /** The one text a glob without wildcards matches: {@code db\?} is {@code db?}. */
    public static String literal(String glob) {
        return translate(glob, "*", "?", run -> run);
    }

    /** The regular expression of a glob (unanchored text; use with {@code matches()}). */
    public static String toRegex(String glob) {
        return translate(glob, ".*", ".", Pattern::quote);
    }

    /** The value of an Elasticsearch {@code wildcard} query, whose escape character is the backslash. */
    public static String toWildcard(String glob) {
        return translate(
                glob,
                "*",
                "?",
                run -> run.replace("\\", "\\\\").replace("*", "\\*").replace("?", "\\?"));
    }

    /**
     * The same match as a Lucene regular expression (the {@code regexp} query): every character
     * of a literal run that is not a letter or digit is escaped with a backslash (which makes any
     * character literal in Lucene's syntax), so no operator can be smuggled in through a glob.
     */
    public static String toLuceneRegexp(String glob) {
        return translate(glob, ".*", ".", run -> {
            StringBuilder escaped = new StringBuilder(run.length() * 2);
            run.codePoints()
                    .forEach(c -> (Character.isLetterOrDigit(c) ? escaped : escaped.append('\\')).appendCodePoint(c));
            return escaped.toString();
        });
    }

    /** The glob with its wildcards as {@code star} and {@code one}, and each run of literal characters as {@code literal} says. */
    private static String translate(String glob, String star, String one, Function<String, String> literal) {
        StringBuilder out = new StringBuilder(glob.length() + 8);
        StringBuilder run = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '\\' && i + 1 < glob.length() && (glob.charAt(i + 1) == '*' || glob.charAt(i + 1) == '?')) {
                run.append(glob.charAt(++i));
            } else if (c == '*' || c == '?') {
                if (!run.isEmpty()) {
                    out.append(literal.apply(run.toString()));
                    run.setLength(0);
                }
                out.append(c == '*' ? star : one);
            } else {
                run.append(c);
            }
        }
        if (!run.isEmpty()) {
            out.append(literal.apply(run.toString()));
        }
        return out.toString();
    }
}
