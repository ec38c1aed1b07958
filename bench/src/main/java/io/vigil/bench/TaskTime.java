package io.vigil.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * How each Flink task of the running job spends its time while a phase runs: Flink's own
 * {@code busyTimeMsPerSecond}, {@code backPressuredTimeMsPerSecond} and {@code idleTimeMsPerSecond}
 * per vertex (averaged over its subtasks), sampled every two seconds from the REST API. Busy is
 * work, back-pressured is waiting for the operator behind it (for the source chain: for the log
 * sink, i.e. for Elasticsearch), idle is waiting for input.
 */
final class TaskTime {
    private static final String METRICS = "busyTimeMsPerSecond,backPressuredTimeMsPerSecond,idleTimeMsPerSecond";
    private final Http flink;
    private final Map<String, double[]> sums = new TreeMap<>(); // vertex → busy, back-pressured, idle, samples
    private volatile boolean running;
    private Thread sampler;

    TaskTime(Http flink) {
        this.flink = flink;
    }

    void start() {
        running = true;
        sampler = new Thread(
                () -> {
                    while (running) {
                        try {
                            sample();
                            Thread.sleep(2000);
                        } catch (InterruptedException e) {
                            return;
                        } catch (Exception e) {
                            // a sample that fails (the job restarting, a timeout) is skipped
                        }
                    }
                },
                "bench-task-time");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** vertex name → {busy, back_pressured, idle} in ms per second, averaged over the phase. */
    Map<String, Object> stop() throws InterruptedException {
        running = false;
        sampler.interrupt();
        sampler.join(5000);
        Map<String, Object> out = new LinkedHashMap<>();
        synchronized (sums) {
            sums.forEach((vertex, s) -> {
                if (s[3] > 0) {
                    out.put(
                            vertex,
                            Map.of(
                                    "busy",
                                    Math.round(s[0] / s[3]),
                                    "back_pressured",
                                    Math.round(s[1] / s[3]),
                                    "idle",
                                    Math.round(s[2] / s[3])));
                }
            });
        }
        return out;
    }

    /**
     * vertex name → records it read and wrote since the job started (Flink's per-vertex counters):
     * how many alert emissions, rollups and rule inputs the events turned into.
     */
    Map<String, Object> records() throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        for (JsonNode job : flink.getJson("/jobs").path("jobs")) {
            if (!"RUNNING".equals(job.path("status").asText())) {
                continue;
            }
            for (JsonNode vertex :
                    flink.getJson("/jobs/" + job.path("id").asText()).path("vertices")) {
                JsonNode metrics = vertex.path("metrics");
                out.put(
                        shortName(vertex.path("name").asText()),
                        Map.of(
                                "in", metrics.path("read-records").asLong(),
                                "out", metrics.path("write-records").asLong()));
            }
        }
        return out;
    }

    private static String shortName(String name) {
        return name.length() > 120 ? name.substring(0, 117) + "..." : name;
    }

    private void sample() throws Exception {
        for (JsonNode job : flink.getJson("/jobs").path("jobs")) {
            if (!"RUNNING".equals(job.path("status").asText())) {
                continue;
            }
            String id = job.path("id").asText();
            for (JsonNode vertex : flink.getJson("/jobs/" + id).path("vertices")) {
                JsonNode metrics = flink.getJson("/jobs/" + id + "/vertices/"
                        + vertex.path("id").asText() + "/subtasks/metrics?agg=avg&get=" + METRICS);
                double[] values = new double[3];
                for (JsonNode m : metrics) {
                    String name = m.path("id").asText();
                    int i = name.startsWith("busy") ? 0 : name.startsWith("back") ? 1 : 2;
                    values[i] = m.path("avg").asDouble(Double.NaN);
                }
                if (Double.isNaN(values[0])) {
                    continue;
                }
                String name = vertex.path("name").asText();
                synchronized (sums) {
                    double[] s = sums.computeIfAbsent(shortName(name), k -> new double[4]);
                    s[0] += values[0];
                    s[1] += values[1];
                    s[2] += values[2];
                    s[3]++;
                }
            }
        }
    }
}
