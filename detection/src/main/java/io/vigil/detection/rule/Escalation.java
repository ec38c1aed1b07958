package io.vigil.detection.rule;

import io.vigil.common.Severity;
import io.vigil.detection.condition.Condition;
import java.io.Serializable;

/** Raises an alert's severity when one of its evidence events matches {@code when}. */
public record Escalation(Severity severity, Condition when) implements Serializable {}
