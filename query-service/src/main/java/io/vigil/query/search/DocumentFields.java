package io.vigil.query.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Takes the fixed fields of a stored document (a map read from its {@code _source}) out into typed
 * values; what is not taken stays in {@link #rest}, exactly as stored. A field is taken only when it
 * holds a value of the expected type: one missing, {@code null} or of another type (an integer
 * where a decimal is expected, a lower-case severity) stays in the rest, so that an answer built
 * from typed fields (left out when null) plus the rest is the stored document, byte for byte,
 * whatever wrote it: the job, an older job, or a test.
 */
public final class DocumentFields {
    private final Map<String, Object> rest;

    public DocumentFields(Map<String, Object> document) {
        this.rest = new LinkedHashMap<>(document);
    }

    public String text(String name) {
        return take(name, String.class);
    }

    /** An integer, as Jackson reads one (Integer or Long); 3.0 is no integer here. */
    public Long integer(String name) {
        Object value = rest.get(name);
        if (value instanceof Integer || value instanceof Long) {
            rest.remove(name);
            return ((Number) value).longValue();
        }
        return null;
    }

    /** A number with a fraction, as Jackson reads one (Double); 93 stays 93 in the rest, not 93.0. */
    public Double decimal(String name) {
        return take(name, Double.class);
    }

    public Boolean flag(String name) {
        return take(name, Boolean.class);
    }

    /** A constant of {@code enumType} exactly as the enum names it ({@code HIGH}, not {@code high}). */
    public Object constant(String name, Class<?> enumType) {
        if (rest.get(name) instanceof String text) {
            for (Object constant : enumType.getEnumConstants()) {
                if (((Enum<?>) constant).name().equals(text)) {
                    rest.remove(name);
                    return constant;
                }
            }
        }
        return null;
    }

    /** A list of texts only. */
    public List<String> texts(String name) {
        if (rest.get(name) instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            rest.remove(name);
            return list.stream().map(String.class::cast).toList();
        }
        return null;
    }

    /** An object of integers only (text to count), as Jackson reads one. */
    public Map<String, Long> integers(String name) {
        if (!(rest.get(name) instanceof Map<?, ?> map)
                || !map.values().stream().allMatch(v -> v instanceof Integer || v instanceof Long)) {
            return null;
        }
        rest.remove(name);
        Map<String, Long> counts = new LinkedHashMap<>();
        map.forEach((key, value) -> counts.put((String) key, ((Number) value).longValue()));
        return counts;
    }

    /** An object whose fixed fields {@code as} types, keeping its own rest. */
    public <T> T object(String name, Function<DocumentFields, T> as) {
        if (!(rest.get(name) instanceof Map<?, ?> map)) {
            return null;
        }
        rest.remove(name);
        return as.apply(new DocumentFields(keyed(map)));
    }

    /** A list of objects, each typed by {@code as}. */
    public <T> List<T> objects(String name, Function<DocumentFields, T> as) {
        if (!(rest.get(name) instanceof List<?> list) || !list.stream().allMatch(Map.class::isInstance)) {
            return null;
        }
        rest.remove(name);
        return list.stream()
                .map(element -> as.apply(new DocumentFields(keyed((Map<?, ?>) element))))
                .toList();
    }

    /** An object kept open: any keys, any values. */
    public Map<String, Object> openObject(String name) {
        if (!(rest.get(name) instanceof Map<?, ?> map)) {
            return null;
        }
        rest.remove(name);
        return keyed(map);
    }

    /** Every field not taken, in stored order. */
    public Map<String, Object> rest() {
        return rest;
    }

    /** Jackson reads JSON objects with text keys only. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> keyed(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    private <T> T take(String name, Class<T> type) {
        Object value = rest.get(name);
        if (type.isInstance(value)) {
            rest.remove(name);
            return type.cast(value);
        }
        return null;
    }
}
