package io.vigil.bench;

import io.vigil.stack.FlinkRest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The state the running job holds at the end of a phase: a full checkpoint taken then, its bytes
 * per task. The stack keeps state on the heap, so a full checkpoint is that state serialized:
 * what detection holds for the reorder window (issue 18: 1.68 rule inputs per event with the
 * shipped rules) shows here, and in a run shorter than that window nothing has settled yet.
 */
final class JobState {
    private JobState() {}

    /** {@code total} bytes, {@code by_task}: task name → bytes, largest first (tasks without state left out). */
    static Map<String, Object> measure(FlinkRest flink) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        for (FlinkRest.JobSummary job : flink.jobs()) {
            if (!"RUNNING".equals(job.state())) {
                continue;
            }
            long checkpoint = flink.checkpoint(job.id(), Duration.ofMinutes(5));
            Map<String, Long> sizes = flink.checkpointStateSizes(job.id(), checkpoint);
            Map<String, Object> byTask = new LinkedHashMap<>();
            sizes.entrySet().stream()
                    .filter(e -> e.getValue() > 0)
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> byTask.put(e.getKey(), e.getValue()));
            out.put("checkpoint", checkpoint);
            out.put("total", sizes.values().stream().mapToLong(Long::longValue).sum());
            out.put("by_task", byTask);
        }
        return out;
    }
}
