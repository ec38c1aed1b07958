package io.vigil.detection.runtime;

import java.util.ArrayList;
import java.util.List;

/** A count rule's group: the evidence of the last window, sorted by event time. A Flink POJO. */
public class CountState extends MachineState {
    /** Room for two at first, as {@link GroupState#history} has. */
    public List<Evidence> window = new ArrayList<>(2);
    /** Closed-window counts: the end of the open window, or MIN_VALUE when none is open. */
    public long windowEnd = Long.MIN_VALUE;
    /** Closed-window counts: the summary values of the newest input of the open window. */
    public String[] newestSummary = RuleInput.NO_SUMMARY;

    public CountState() {}
}
