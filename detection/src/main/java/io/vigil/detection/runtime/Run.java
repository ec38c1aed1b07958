package io.vigil.detection.runtime;

import io.vigil.detection.alert.Alert;
import java.util.ArrayList;
import java.util.List;

/**
 * A run of consecutive samples satisfying a threshold rule, summarized (its samples are not
 * kept): first and last time, how many, extreme values, the first event ids. A Flink POJO.
 */
public class Run {
    public long start;
    public long last;
    public long samples;
    public String host;
    public double max = Double.NEGATIVE_INFINITY;
    public double min = Double.POSITIVE_INFINITY;
    public int severity;
    public List<String> ids = new ArrayList<>();

    public Run() {}

    /**
     * The run after one more sample (in time order): a sample that misses ends it (null), one
     * after a gap longer than {@code maxGap} starts a new one.
     */
    static Run fold(Run run, RuleInput sample, boolean hit, long maxGap) {
        if (!hit) {
            return null;
        }
        if (run == null || sample.timestamp - run.last > maxGap) {
            run = new Run();
            run.start = sample.timestamp;
            run.host = sample.host;
        }
        run.last = Math.max(run.last, sample.timestamp);
        run.samples++;
        run.max = Math.max(run.max, sample.number);
        run.min = Math.min(run.min, sample.number);
        run.severity = Math.max(run.severity, sample.severity);
        if (sample.id != null && run.ids.size() < Alert.MAX_EVENT_IDS) {
            run.ids.add(sample.id);
        }
        return run;
    }
}
