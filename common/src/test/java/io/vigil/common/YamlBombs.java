package io.vigil.common;

/**
 * Hostile YAML for the tests of every file read through {@link YamlLoading}, in one place so
 * that each file's test attacks its reader with the same document. Shared with the other
 * modules' tests through common's test-jar.
 */
public final class YamlBombs {
    private YamlBombs() {}

    /**
     * A "billion laughs" block: 48 aliases, each list doubling the one before, so 2^24 leaves for
     * whatever walks it. It stays under the 50 aliases SnakeYAML allows by default; Vigil files
     * allow {@link YamlLoading#MAX_ALIASES}. The lines are map entries {@code a0} to {@code a24},
     * each starting with {@code indent}: put it under a key of the file being attacked.
     */
    public static String aliasBomb(String indent) {
        StringBuilder bomb = new StringBuilder(indent + "a0: &a0 [lol, lol]\n");
        for (int i = 1; i <= 24; i++) {
            bomb.append(indent).append('a').append(i).append(": &a").append(i);
            bomb.append(" [*a").append(i - 1).append(", *a").append(i - 1).append("]\n");
        }
        return bomb.toString();
    }
}
