package io.vigil.query.search;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads a stored document (or any JSON object read into a map) into one of the API's answer records,
 * driven by the record's own components: each names its field once, in its {@code @JsonProperty},
 * and its Java type says how {@link DocumentFields} takes it. The one component marked
 * {@code @JsonIgnore}, last, receives the rest ({@link StoredDocument#rest}). Before this, every
 * answer record listed its field names a second time in a hand-written factory, in the same order,
 * and the two lists could drift.
 *
 * <p>The component types it knows: {@code String}, {@code Long}/{@code long}, {@code Double},
 * {@code Boolean}, an enum (by its exact constant name), {@code List<String>}, {@code Map<String,
 * Long>}, {@code Map<String, Object>} (kept open), another such record (an object with its own rest),
 * and a list of either of the last two. Any other type fails when the record is first read, so a new
 * component cannot be skipped silently; {@code DocumentRecordsTest} reads every answer record once.
 * A primitive {@code long} has no "missing": the caller puts it into the document first, as
 * {@code Rule.of} does with the counts.
 */
public final class DocumentRecords {
    private static final ClassValue<Reader<?>> READERS = new ClassValue<>() {
        @Override
        protected Reader<?> computeValue(Class<?> type) {
            return new Reader<>(type.asSubclass(Record.class));
        }
    };

    private DocumentRecords() {}

    /** The record of {@code type} for {@code document}, which is left as it was. */
    public static <R extends Record & StoredDocument> R read(Class<R> type, Map<String, Object> document) {
        return type.cast(READERS.get(type).read(new DocumentFields(document)));
    }

    /** {@link #read} as a function, for a stream or an {@code Optional}. */
    public static <R extends Record & StoredDocument> Function<Map<String, Object>, R> reader(Class<R> type) {
        return document -> read(type, document);
    }

    /** How one record type is read: a taker per component, in constructor order. */
    private static final class Reader<R extends Record> {
        private final Constructor<R> constructor;
        private final List<Function<DocumentFields, Object>> takers;

        Reader(Class<R> type) {
            RecordComponent[] components = type.getRecordComponents();
            try {
                constructor = type.getDeclaredConstructor(
                        Arrays.stream(components).map(RecordComponent::getType).toArray(Class[]::new));
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(type + " has no canonical constructor", e);
            }
            constructor.setAccessible(true);
            takers = Arrays.stream(components).map(c -> taker(type, c)).toList();
            for (int i = 0; i < components.length - 1; i++) {
                if (components[i].getAccessor().isAnnotationPresent(JsonIgnore.class)) {
                    throw new IllegalStateException(type.getSimpleName() + "." + components[i].getName()
                            + ": the rest must be the last component, taken after every typed field");
                }
            }
        }

        R read(DocumentFields fields) {
            Object[] values = new Object[takers.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = takers.get(i).apply(fields);
            }
            try {
                return constructor.newInstance(values);
            } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot build " + constructor.getDeclaringClass(), e);
            }
        }

        private static Function<DocumentFields, Object> taker(Class<?> owner, RecordComponent component) {
            // Jackson's annotations do not target record components: Java hands them on to the accessor
            if (component.getAccessor().isAnnotationPresent(JsonIgnore.class)) {
                if (component.getType() != Map.class) {
                    throw unknown(owner, component);
                }
                return DocumentFields::rest;
            }
            JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
            if (property == null) {
                throw new IllegalStateException(owner.getSimpleName() + "." + component.getName()
                        + " names no stored field (@JsonProperty) and is not the rest (@JsonIgnore)");
            }
            String name = property.value();
            Class<?> type = component.getType();
            Type generic = component.getGenericType();
            if (type == String.class) {
                return f -> f.text(name);
            } else if (type == Long.class || type == long.class) {
                return f -> f.integer(name);
            } else if (type == Double.class) {
                return f -> f.decimal(name);
            } else if (type == Boolean.class) {
                return f -> f.flag(name);
            } else if (type.isEnum()) {
                return f -> f.constant(name, type);
            } else if (type.isRecord()) {
                Class<? extends Record> nested = type.asSubclass(Record.class);
                return f -> f.object(name, inner -> READERS.get(nested).read(inner));
            } else if (type == Map.class && argument(generic, 1) == Long.class) {
                return f -> f.integers(name);
            } else if (type == Map.class && argument(generic, 1) == Object.class) {
                return f -> f.openObject(name);
            } else if (type == List.class && argument(generic, 0) == String.class) {
                return f -> f.texts(name);
            } else if (type == List.class && argument(generic, 0) instanceof Class<?> element && element.isRecord()) {
                Class<? extends Record> nested = element.asSubclass(Record.class);
                return f -> f.objects(name, inner -> READERS.get(nested).read(inner));
            } else if (type == List.class
                    && argument(generic, 0) instanceof ParameterizedType map
                    && map.getRawType() == Map.class
                    && map.getActualTypeArguments()[1] == Object.class) {
                return f -> f.objects(name, DocumentFields::rest);
            }
            throw unknown(owner, component);
        }

        private static Type argument(Type generic, int index) {
            return generic instanceof ParameterizedType p ? p.getActualTypeArguments()[index] : null;
        }

        private static IllegalStateException unknown(Class<?> owner, RecordComponent component) {
            return new IllegalStateException("DocumentRecords cannot read " + owner.getSimpleName() + "."
                    + component.getName() + " of type " + component.getGenericType());
        }
    }
}
