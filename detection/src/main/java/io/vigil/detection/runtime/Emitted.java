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
        if (atTime != state.atTime) {
            return atTime > state.atTime;
        }
        if (atContent != state.atContent) {
            return atContent > state.atContent;
        }
        String mine = atId == null ? "" : atId;
        return mine.compareTo(state.atId == null ? "" : state.atId) > 0;
    }
}
