package io.vigil.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * A text summary of a JFR recording's CPU samples, beside the results: per thread group (as
 * {@link CpuBreakdown} names them), the methods with the most samples on top of the stack (self)
 * and anywhere in it (inclusive). The recording itself stays in the run's data dir for JMC or a
 * flame graph tool; it is too large to commit.
 */
final class ProfileSummary {
    private ProfileSummary() {}

    /** Only samples between {@code from} and {@code to} (the end-to-end phase: what its rate is made of). */
    static void write(Path recording, Path out, int top, java.time.Instant from, java.time.Instant to)
            throws IOException {
        Map<String, Integer> samples = new TreeMap<>();
        Map<String, Map<String, Integer>> self = new HashMap<>();
        Map<String, Map<String, Integer>> inclusive = new HashMap<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample")
                    || e.getStackTrace() == null
                    || e.getStartTime().isBefore(from)
                    || e.getStartTime().isAfter(to)) {
                continue;
            }
            String thread = e.getThread("sampledThread") == null
                    ? "?"
                    : e.getThread("sampledThread").getJavaName();
            String group = CpuBreakdown.group("stack", thread.length() > 15 ? thread.substring(0, 15) : thread);
            samples.merge(group, 1, Integer::sum);
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            self.computeIfAbsent(group, g -> new HashMap<>()).merge(name(frames.get(0)), 1, Integer::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame f : frames) {
                if (seen.add(name(f))) {
                    inclusive.computeIfAbsent(group, g -> new HashMap<>()).merge(name(f), 1, Integer::sum);
                }
            }
        }
        int total = samples.values().stream().mapToInt(Integer::intValue).sum();
        StringBuilder text = new StringBuilder("# CPU samples of the stack JVM during the end-to-end phase, " + from
                + " to " + to + " (JFR, " + total + " samples)\n");
        samples.entrySet().stream()
                .sorted((a, b) -> b.getValue() - a.getValue())
                .forEach(g -> {
                    text.append(
                            String.format("%n## %s: %.1f %% of samples%n", g.getKey(), 100.0 * g.getValue() / total));
                    append(text, "self", self.get(g.getKey()), g.getValue(), top);
                    append(text, "inclusive", inclusive.get(g.getKey()), g.getValue(), top);
                });
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, text);
    }

    private static void append(StringBuilder text, String kind, Map<String, Integer> counts, int groupTotal, int top) {
        if (counts == null) {
            return;
        }
        text.append(kind).append(":\n");
        counts.entrySet().stream()
                .sorted((a, b) -> b.getValue() - a.getValue())
                .limit(top)
                .forEach(m ->
                        text.append(String.format("  %5.1f %%  %s%n", 100.0 * m.getValue() / groupTotal, m.getKey())));
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }
}
