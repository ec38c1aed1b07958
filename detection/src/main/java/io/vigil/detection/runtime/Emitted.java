package io.vigil.detection.runtime;

/**
 * What an operator remembers of an alert it emitted while the inputs behind it may still be
 * evaluated again: a fingerprint of the content, to send only what changed, and the input whose
 * evaluation produced it, to know whether a new evaluation must produce it again. A Flink POJO.
 */
public class Emitted {
    public long fingerprint;
    public long atTime;
    public long atContent;
    public String atId;

    public Emitted() {}

    /** Whether it was produced by an input after the one {@code state} was taken at. */
    boolean producedAfter(MachineState state) {
        return RuleInput.compare(atTime, atContent, atId, state.atTime, state.atContent, state.atId) > 0;
    }
}
