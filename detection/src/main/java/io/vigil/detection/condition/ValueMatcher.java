package io.vigil.detection.condition;

import java.io.Serializable;

/** Tests one scalar value of an event field (never a list: {@link FieldMatcher} unrolls those). */
@FunctionalInterface
interface ValueMatcher extends Serializable {
    /** @param value a String, Long, Double or Boolean, or null when the field is absent */
    boolean matches(Object value);
}
