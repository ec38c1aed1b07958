package io.vigil.detection.runtime;

/** A threshold rule's group: the current run of samples meeting the condition. A Flink POJO. */
public class ThresholdState extends MachineState {
    public Run run;
    /** Start of the run already reported in the episode, or MIN_VALUE. */
    public long reportedRun = Long.MIN_VALUE;

    public ThresholdState() {}
}
