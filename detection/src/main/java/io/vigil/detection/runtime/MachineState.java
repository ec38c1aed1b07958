package io.vigil.detection.runtime;

/**
 * What every {@link GroupMachine} state has: the open alert episode, and the input after which
 * the state was taken ({@link #atTime}, {@link #atId}), so a copy kept as a snapshot knows where
 * evaluation resumes from. A Flink POJO.
 */
public class MachineState {
    public long atTime = Long.MIN_VALUE;
    public long atContent;
    public String atId;
    public AlertEpisode episode;
    /** Event time of the newest input folded in, or MIN_VALUE. */
    public long newest = Long.MIN_VALUE;
    /**
     * The watermark at which {@link GroupMachine#advance} last decided something, or MIN_VALUE:
     * an input before it can no longer take the fast path, as the decision may have to change.
     */
    public long advancedTo = Long.MIN_VALUE;

    public MachineState() {}

    void mark(RuleInput input) {
        atTime = input.timestamp;
        atContent = input.content;
        atId = input.id;
        newest = Math.max(newest, input.timestamp);
    }

    /** The state's position against an input in {@link RuleInput#ORDER}: negative, zero or positive. */
    int compareTo(RuleInput input) {
        return RuleInput.compare(atTime, atContent, atId, input.timestamp, input.content, input.id);
    }

    /** Whether the state already folded in {@code input} or anything after it in event-time order. */
    boolean isAtOrAfter(RuleInput input) {
        return compareTo(input) >= 0;
    }
}
