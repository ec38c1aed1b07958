package io.vigil.detection.runtime;

import java.io.Serializable;
import java.time.Duration;

/**
 * Runtime settings of the detection operators.
 *
 * @param allowedLateness how much older than the newest event already seen for the same group
 *                        an event may be and still be evaluated by count and threshold rules;
 *                        older ones go to the late side output (counted, still stored)
 */
public record DetectionSettings(Duration allowedLateness) implements Serializable {
    public static final Duration DEFAULT_ALLOWED_LATENESS = Duration.ofMinutes(1);
    public static final DetectionSettings DEFAULTS = new DetectionSettings(DEFAULT_ALLOWED_LATENESS);
}
