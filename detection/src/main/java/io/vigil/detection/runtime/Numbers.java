package io.vigil.detection.runtime;

/** Reads a field value as a number the way the condition language does. */
final class Numbers {
    private Numbers() {
    }

    static Double of(Object value) {
        if (value instanceof Number) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof String) {
            try {
                return Double.parseDouble(((String) value).trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
