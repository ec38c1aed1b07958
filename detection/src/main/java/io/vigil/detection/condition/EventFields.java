package io.vigil.detection.condition;

import io.vigil.common.Fields;
import io.vigil.common.LogEvent;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The field names a rule may test: exactly what {@link io.vigil.common.LogEvent#field} can
 * return (the fixed fields plus the ECS fields the parsers keep). Anything else a producer sends
 * ends up in {@code extra}, out of the rules' reach, so a rule naming it could never match:
 * that is reported as an unknown field instead of silently never firing.
 */
public final class EventFields {
    /**
     * LogEvent's fixed fields but {@code timestamp}, which rules have never named: they see time
     * through their windows and sequences, and a rule test sets it as the event's time.
     */
    private static final Set<String> FIXED = LogEvent.FIXED_FIELDS.stream()
            .filter(name -> !name.equals(Fields.TIMESTAMP))
            .collect(Collectors.toUnmodifiableSet());

    private EventFields() {}

    public static boolean isKnown(String name) {
        return FIXED.contains(name) || Fields.ECS.contains(name);
    }

    /** Every known name, sorted: for error messages. */
    public static Set<String> all() {
        Set<String> all = new TreeSet<>(FIXED);
        all.addAll(Fields.ECS);
        return all;
    }

    /** The metric fixed fields: a test event carrying one of them is a metric sample. */
    public static boolean isMetric(String name) {
        return name.equals(Fields.CPU_USAGE)
                || name.startsWith("memory_usage.")
                || name.startsWith("network.") && !name.equals("network.transport");
    }

    /** The known name closest to a misspelt one, for "did you mean". */
    public static String closest(String name) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String known : all()) {
            int d = distance(name, known);
            if (d < bestDistance) {
                bestDistance = d;
                best = known;
            }
        }
        return bestDistance <= Math.max(2, name.length() / 4) ? best : null;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
