package io.vigil.detection.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * A sequence rule's group: its inputs since the last match that are still within the rule's
 * window, in event-time order. A Flink POJO.
 */
public class SequenceState extends MachineState {
    /** Room for two at first, as {@link GroupState#history} has. */
    public List<RuleInput> recent = new ArrayList<>(2);

    public SequenceState() {}
}
