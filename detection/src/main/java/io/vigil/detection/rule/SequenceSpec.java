package io.vigil.detection.rule;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/** Ordered steps that must all happen, in order, within {@code within} of the first one. */
public record SequenceSpec(Duration within, List<Step> steps) implements Serializable {
}
