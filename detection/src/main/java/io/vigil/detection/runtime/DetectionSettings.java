package io.vigil.detection.runtime;

import java.io.Serializable;
import java.time.Duration;

/**
 * Runtime settings of the detection operators.
 *
 * @param reorderWindow how long after an input reached its rule's operator an input of the same
 *                      group that belongs before it in event time is still put in its place (the
 *                      group's recent history is evaluated again and its alerts corrected). This
 *                      is the bound of the ordering guarantee: one Kafka partition may lag
 *                      another by this much of arrival time. Inputs later than that go to the
 *                      late side output (counted; the events are still stored).
 * @param historyCap    most inputs a group keeps waiting within the reorder window; past it the
 *                      oldest are final early, so a flood from one group cannot grow state
 *                      without bound
 */
public record DetectionSettings(Duration reorderWindow, int historyCap) implements Serializable {
    public static final Duration DEFAULT_REORDER_WINDOW = Duration.ofMinutes(5);
    public static final int DEFAULT_HISTORY_CAP = 10_000;
    public static final DetectionSettings DEFAULTS = new DetectionSettings(DEFAULT_REORDER_WINDOW, DEFAULT_HISTORY_CAP);

    public DetectionSettings {
        if (reorderWindow.isNegative()) {
            throw new IllegalArgumentException("the reorder window cannot be negative: " + reorderWindow);
        }
        if (historyCap < 2 * OrderedRuleFunction.SNAPSHOT_EVERY) {
            throw new IllegalArgumentException(
                    "the history cap must be at least " + 2 * OrderedRuleFunction.SNAPSHOT_EVERY);
        }
    }

    public DetectionSettings withReorderWindow(Duration window) {
        return new DetectionSettings(window, historyCap);
    }
}
