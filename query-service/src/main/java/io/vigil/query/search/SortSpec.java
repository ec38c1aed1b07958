package io.vigil.query.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.common.Fields;
import java.util.ArrayList;
import java.util.List;

/**
 * A total order over an index's documents: the sort of a list and the shape of its cursor. The
 * last fields must make the order unique (a tiebreaker), or search_after could skip or repeat
 * documents that share every sort value. {@code _id} is avoided on purpose: Elasticsearch 7.10
 * deprecates sorting on it (it loads field data for every id into the heap).
 */
public record SortSpec(List<SortField> fields) {

    public enum Type {
        LONG,
        STRING
    }

    /** One sort key; {@code unmappedType} lets an index that lacks the field still be searched. */
    public record SortField(String name, boolean descending, Type type, String unmappedType) {}

    public SortSpec {
        fields = List.copyOf(fields);
    }

    public static SortSpec of(SortField... fields) {
        return new SortSpec(List.of(fields));
    }

    public static SortField desc(String name, Type type, String unmappedType) {
        return new SortField(name, true, type, unmappedType);
    }

    public static SortField asc(String name, Type type, String unmappedType) {
        return new SortField(name, false, type, unmappedType);
    }

    /**
     * A time, then the Kafka position of the record the document was made of: unique, since the
     * job writes one document per record (its id is topic-partition-offset). Every key one way.
     */
    public static SortSpec timeThenKafkaPosition(boolean descending, String time, String offset, String partition) {
        return new SortSpec(List.of(
                new SortField(time, descending, Type.LONG, "date"),
                new SortField(offset, descending, Type.LONG, "long"),
                new SortField(partition, descending, Type.LONG, "integer"),
                new SortField(Fields.TOPIC, descending, Type.STRING, "keyword")));
    }

    public ArrayNode toJson(ObjectMapper mapper) {
        ArrayNode sort = mapper.createArrayNode();
        for (SortField field : fields) {
            ObjectNode spec = sort.addObject().putObject(field.name());
            spec.put("order", field.descending() ? "desc" : "asc");
            if (field.unmappedType() != null) {
                spec.put("unmapped_type", field.unmappedType());
            }
        }
        return sort;
    }

    /**
     * Adds sort values to {@code array} as Elasticsearch gives them back (numbers as numbers, the
     * rest as text): for {@code search_after} and for the positions clients carry.
     */
    public static ArrayNode addValues(ArrayNode array, List<Object> values) {
        for (Object v : values) {
            if (v instanceof Long l) {
                array.add(l);
            } else {
                array.add(String.valueOf(v));
            }
        }
        return array;
    }

    /** The sort values of a hit, checked against this spec; null when the hit has none that fit. */
    public List<Object> valuesOf(JsonNode hit) {
        JsonNode sort = hit.path("sort");
        return sort.isArray() ? valuesOrNull(sort) : null;
    }

    /** Values of the right number and types, or null. */
    public List<Object> valuesOrNull(JsonNode array) {
        if (!array.isArray() || array.size() != fields.size()) {
            return null;
        }
        List<Object> values = new ArrayList<>(fields.size());
        for (int i = 0; i < fields.size(); i++) {
            JsonNode v = array.get(i);
            switch (fields.get(i).type()) {
                case LONG -> {
                    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                        return null;
                    }
                    values.add(v.asLong());
                }
                case STRING -> {
                    if (!v.isTextual() || v.asText().length() > 1024) {
                        return null;
                    }
                    values.add(v.asText());
                }
                default -> {
                    return null;
                }
            }
        }
        return values;
    }
}
