package io.vigil.detection.condition;

import io.vigil.common.LogEvent;
import java.util.List;

/**
 * One {@code field|modifiers: value(s)} entry of a selection. Several values are alternatives
 * (any may match) unless the {@code all} modifier asks for every one. A field holding a list
 * matches when any of its elements does, as in Sigma.
 */
final class FieldMatcher implements Condition {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final ValueMatcher[] values;
    private final boolean all;

    FieldMatcher(String field, List<ValueMatcher> values, boolean all) {
        this.field = field;
        this.values = values.toArray(new ValueMatcher[0]);
        this.all = all;
    }

    @Override
    public boolean test(LogEvent event) {
        Object value = event.field(field);
        if (all) {
            for (ValueMatcher m : values) {
                if (!matchesValue(m, value)) {
                    return false;
                }
            }
            return true;
        }
        for (ValueMatcher m : values) {
            if (matchesValue(m, value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesValue(ValueMatcher matcher, Object value) {
        if (value instanceof List) {
            for (Object element : (List<?>) value) {
                if (matcher.matches(element)) {
                    return true;
                }
            }
            return false;
        }
        return matcher.matches(value);
    }
}
