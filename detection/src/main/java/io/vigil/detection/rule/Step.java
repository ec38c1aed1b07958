package io.vigil.detection.rule;

import io.vigil.detection.condition.Condition;
import java.io.Serializable;

/**
 * One step of a sequence: its name (the CEP pattern name), the condition its events meet, how
 * often, and whether it must follow the previous step strictly (no other event of the rule
 * in between) or relaxed (others may come in between).
 */
public record Step(String name, Condition condition, Quantifier quantifier, boolean strict) implements Serializable {}
