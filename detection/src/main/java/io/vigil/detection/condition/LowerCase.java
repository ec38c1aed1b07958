package io.vigil.detection.condition;

import java.util.Locale;

/**
 * A value in lower case, remembered for the last value seen on this thread: the many {@code contains}
 * tests of one event (every rule that looks into {@code message}) lower-case it once instead of once
 * per test, which was 5 % of the parse task's time in a JFR of JobCost. Keyed by identity: the same
 * String object is the same value of the same event.
 */
final class LowerCase {
    private static final ThreadLocal<String[]> LAST = ThreadLocal.withInitial(() -> new String[2]);

    private LowerCase() {}

    static String of(String value) {
        String[] last = LAST.get();
        if (last[0] != value) {
            last[0] = value;
            last[1] = value.toLowerCase(Locale.ROOT);
        }
        return last[1];
    }
}
