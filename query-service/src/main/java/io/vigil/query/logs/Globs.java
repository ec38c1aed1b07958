package io.vigil.query.logs;

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
}
