package io.vigil.detection.alert;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.ListTypeInfo;
import org.apache.flink.api.java.typeutils.TypeExtractor;

/**
 * {@link Alert}'s Flink type: the POJO Flink would make of it, except that its string lists
 * (tags, hosts, event ids) go through Flink's own list serializer. Flink hands every {@code
 * java.util.List} field to Kryo, and every emission of a rule crosses the network to {@code
 * alert-updates}, keyed by the alert's id: reading those lists with Kryo was most of that task's
 * time in JobCost's profile (issue 18). The maps ({@code context}, {@code protectedValues}) hold
 * values of any type and stay with Kryo.
 *
 * <p>Built from Alert's public fields, so a new field is part of the type without an edit here.
 * Alerts are never kept in operator state, so a change of this type needs no state migration.
 */
public final class AlertTypeInfo extends TypeInfoFactory<Alert> {
    @Override
    public TypeInformation<Alert> createTypeInfo(Type type, Map<String, TypeInformation<?>> genericParameters) {
        Map<String, TypeInformation<?>> fields = new LinkedHashMap<>();
        for (Field field : Alert.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            fields.put(field.getName(), of(field));
        }
        return Types.POJO(Alert.class, fields);
    }

    private static TypeInformation<?> of(Field field) {
        if (field.getType() != List.class) {
            return TypeExtractor.createTypeInfo(field.getGenericType());
        }
        if (field.getGenericType() instanceof ParameterizedType list
                && list.getActualTypeArguments()[0] == String.class) {
            return new ListTypeInfo<>(Types.STRING);
        }
        throw new IllegalStateException("Alert." + field.getName() + " is a list of something other than strings: "
                + field.getGenericType() + "; give it its type in AlertTypeInfo");
    }
}
