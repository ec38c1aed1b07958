package io.vigil.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Where the machine's CPU goes during a phase: every thread of the stack's processes (the
 * launcher JVM holding Kafka, Elasticsearch and Flink; the query service) and of this bench
 * process, read from {@code /proc/PID/task/TID/stat}, grouped by what the thread is. Java gives a
 * thread's name to the OS (its first 15 characters), which is enough to tell a Flink task from
 * an Elasticsearch or Kafka thread. Linux only; elsewhere the breakdown is empty.
 */
final class CpuBreakdown {
    /** clock ticks per second of /proc's utime and stime (USER_HZ; 100 on every Linux we run on). */
    private static final double HZ = 100.0;
    /** The role of a TaskManager process of the cluster, whose threads are told apart as the stack's. */
    static final String TASK_MANAGER = "taskmanager";

    private final Map<Long, String> roles;
    private Map<String, Long> start;
    private long startNanos;

    /** @param roles process id → what the process is ("stack", "query service", "bench client") */
    CpuBreakdown(Map<Long, String> roles) {
        this.roles = roles;
    }

    void begin() {
        start = ticks();
        startNanos = System.nanoTime();
    }

    /** Since {@link #begin}: group → {cpu_seconds, cores, share}, largest first, and the total. */
    Map<String, Object> end() {
        Map<String, Long> now = ticks();
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        Map<String, Double> used = new TreeMap<>();
        now.forEach((group, t) -> used.merge(group, (t - start.getOrDefault(group, 0L)) / HZ, Double::sum));
        double total = used.values().stream().mapToDouble(Double::doubleValue).sum();
        Map<String, Object> out = new LinkedHashMap<>();
        used.entrySet().stream()
                .sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
                .forEach(e -> {
                    if (e.getValue() > 0) {
                        out.put(
                                e.getKey(),
                                Map.of(
                                        "cpu_seconds",
                                        round(e.getValue()),
                                        "cores",
                                        round(e.getValue() / seconds),
                                        "share",
                                        round(e.getValue() / total)));
                    }
                });
        out.put(
                "total",
                Map.of("cpu_seconds", round(total), "cores", round(total / seconds), "wall_seconds", round(seconds)));
        return out;
    }

    private Map<String, Long> ticks() {
        Map<String, Long> ticks = new TreeMap<>();
        roles.forEach((pid, role) -> {
            Path tasks = Path.of("/proc", String.valueOf(pid), "task");
            if (!Files.isDirectory(tasks)) {
                return;
            }
            try (Stream<Path> list = Files.list(tasks)) {
                for (Path task : list.toList()) {
                    try {
                        String comm = Files.readString(task.resolve("comm")).strip();
                        String stat = Files.readString(task.resolve("stat"));
                        // fields after the ")" that closes the name: state is field 3, utime 14, stime 15
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                        ticks.merge(group(role, comm), t, Long::sum);
                    } catch (IOException | RuntimeException gone) {
                        // the thread ended between listing and reading
                    }
                }
            } catch (IOException gone) {
                // the process ended
            }
        });
        return ticks;
    }

    /** What a thread is, from its process's role and its (15-character) name. */
    static String group(String role, String comm) {
        if (role.equals(TASK_MANAGER)) {
            // the cluster's TaskManagers: one JVM each, only Flink's threads in them
            return "taskmanagers: " + group("stack", comm).replaceFirst("^flink: ", "");
        }
        if (!role.equals("stack")) {
            return role;
        }
        if (comm.startsWith("Source: kafka")) {
            return "flink: source chain (parse, enrich, rules, encrypt, log sink)";
        }
        if (comm.startsWith("rule-") || comm.startsWith("late-events")) {
            return "flink: rule operators";
        }
        if (comm.startsWith("rollup") || comm.startsWith("metric-anomal")) {
            return "flink: rollups and anomalies";
        }
        if (comm.contains("sink") || comm.contains("Writer") || comm.startsWith("I/O dispatcher")) {
            return "flink: alert, rollup and dead-letter sinks";
        }
        if (comm.startsWith("elasticsearch")) {
            return "elasticsearch";
        }
        if (List.of(
                        "kafka",
                        "data-plane",
                        "broker",
                        "raft",
                        "Replica",
                        "controller",
                        "LogDirFailure",
                        "ExpirationReaper",
                        "TxnMarker",
                        "group-metadata",
                        "transaction-log",
                        "quorum")
                .stream()
                .anyMatch(comm::startsWith)) {
            return "kafka broker";
        }
        if (comm.startsWith("GC Thread") || comm.startsWith("G1 ") || comm.startsWith("VM Thread")) {
            return "jvm: gc";
        }
        if (comm.contains("CompilerThre")) {
            return "jvm: jit";
        }
        if (comm.startsWith("Flink")
                || comm.startsWith("flink")
                || comm.startsWith("AsyncOperatio")
                || comm.startsWith("Checkpoint")
                || comm.startsWith("pekko")
                || comm.startsWith("OutputFlusher")) {
            return "flink: runtime (network, checkpoints, rpc)";
        }
        return "stack: other";
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
