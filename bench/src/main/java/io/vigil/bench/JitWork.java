package io.vigil.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * What the stack JVM's JIT compilers did during the end-to-end phase, from its JFR recording
 * ({@code --profile}): the "jvm: jit" line of the CPU table is compiler threads, which JFR's
 * execution samples do not see, so this says what they spent it on.
 *
 * <ul>
 *   <li>compilations, of them on-stack replacements, compile time and code added: the difference
 *       of the {@code jdk.CompilerStatistics} readings around the phase;
 *   <li>deoptimizations by reason, each one a compiled method thrown away (and most often compiled
 *       again);
 *   <li>the long compilations ({@code jdk.Compilation}, over the recording's threshold: 100 ms in
 *       the {@code profile} settings), by package and the methods compiled most often.
 * </ul>
 */
final class JitWork {
    private static final int TOP = 8;

    private JitWork() {}

    static Map<String, Object> between(Path recording, Instant from, Instant to) throws IOException {
        RecordedEvent before = null;
        RecordedEvent after = null;
        int deoptimizations = 0;
        Map<String, Integer> reasons = new HashMap<>();
        int longCount = 0;
        double longSeconds = 0;
        Map<String, Double> secondsByPackage = new HashMap<>();
        Map<String, Integer> timesByMethod = new HashMap<>();
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                Instant at = e.getStartTime();
                switch (e.getEventType().getName()) {
                    case "jdk.CompilerStatistics" -> {
                        // the last reading before the phase and the first after it
                        if (!at.isAfter(from) && (before == null || at.isAfter(before.getStartTime()))) {
                            before = e;
                        } else if (!at.isBefore(to) && (after == null || at.isBefore(after.getStartTime()))) {
                            after = e;
                        }
                    }
                    case "jdk.Deoptimization" -> {
                        if (within(at, from, to)) {
                            deoptimizations++;
                            reasons.merge(e.getString("reason") + " / " + e.getString("action"), 1, Integer::sum);
                        }
                    }
                    case "jdk.Compilation" -> {
                        if (within(at, from, to) && e.getValue("method") != null) {
                            longCount++;
                            double seconds = e.getDuration().toNanos() / 1e9;
                            longSeconds += seconds;
                            RecordedClass owner = e.getClass("method.type");
                            String type = owner == null ? "?" : owner.getName();
                            secondsByPackage.merge(pkg(type), seconds, Double::sum);
                            timesByMethod.merge(type + "." + e.getString("method.name"), 1, Integer::sum);
                        }
                    }
                    default -> {}
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        double phaseSeconds = Duration.between(from, to).toMillis() / 1e3;
        out.put("phase_seconds", Report.hundredths(phaseSeconds));
        if (before != null && after != null) {
            int compilations = after.getInt("compileCount") - before.getInt("compileCount");
            out.put("compilations", compilations);
            out.put("osr_compilations", after.getInt("osrCompileCount") - before.getInt("osrCompileCount"));
            out.put("compilations_per_s", Report.hundredths(compilations / phaseSeconds));
            // totalTimeSpent is in milliseconds (@Timespan("MILLISECONDS")), summed over compiler threads
            out.put(
                    "compile_seconds",
                    Report.hundredths((after.getLong("totalTimeSpent") - before.getLong("totalTimeSpent")) / 1e3));
            out.put(
                    "code_mb_added",
                    Report.hundredths((after.getLong("nmethodsSize") - before.getLong("nmethodsSize")) / 1e6));
            out.put("readings", before.getStartTime() + " to " + after.getStartTime());
        }
        out.put("deoptimizations", deoptimizations);
        out.put("deoptimizations_by_reason", top(reasons));
        out.put("long_compilations", longCount);
        out.put("long_compilation_seconds", Report.hundredths(longSeconds));
        Map<String, Double> byPackage = top(secondsByPackage);
        byPackage.replaceAll((pkg, seconds) -> Report.hundredths(seconds));
        out.put("long_compilation_seconds_by_package", byPackage);
        out.put("methods_compiled_most_often", top(timesByMethod));
        return out;
    }

    private static boolean within(Instant at, Instant from, Instant to) {
        return !at.isBefore(from) && !at.isAfter(to);
    }

    /** The first three parts of a class name: {@code org.apache.lucene}, {@code io.vigil.job}. */
    static String pkg(String className) {
        String[] parts = className.split("\\.");
        return String.join(".", Arrays.copyOf(parts, Math.min(3, Math.max(1, parts.length - 1))));
    }

    /** The {@value #TOP} largest, largest first. */
    private static <V extends Comparable<V>> Map<String, V> top(Map<String, V> values) {
        Map<String, V> top = new LinkedHashMap<>();
        values.entrySet().stream()
                .sorted(Map.Entry.<String, V>comparingByValue().reversed())
                .limit(TOP)
                .forEach(c -> top.put(c.getKey(), c.getValue()));
        return top;
    }
}
