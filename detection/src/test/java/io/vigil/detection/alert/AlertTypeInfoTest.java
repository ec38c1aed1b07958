package io.vigil.detection.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.ListTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class AlertTypeInfoTest {
    @Test
    void theStringListsAreFlinksOwnListsNotKryos() {
        TypeInformation<Alert> type = TypeInformation.of(Alert.class);
        assertThat(type).isInstanceOf(PojoTypeInfo.class);
        PojoTypeInfo<Alert> pojo = (PojoTypeInfo<Alert>) type;
        for (String list : List.of("tags", "hosts", "eventIds")) {
            assertThat(pojo.getTypeAt(pojo.getFieldIndex(list))).as(list).isInstanceOf(ListTypeInfo.class);
        }
    }

    @Test
    void everyFieldCrossesTheNetwork() throws Exception {
        Alert alert = new Alert();
        int n = 0;
        for (Field field : Alert.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            n++;
            Class<?> t = field.getType();
            if (t == String.class) {
                field.set(alert, field.getName() + "-value");
            } else if (t == long.class) {
                field.setLong(alert, 1000L + n);
            } else if (t == boolean.class) {
                field.setBoolean(alert, true);
            } else if (t == List.class) {
                field.set(alert, new java.util.ArrayList<>(List.of(field.getName() + "-1", field.getName() + "-2")));
            } else if (t == Map.class) {
                field.set(
                        alert,
                        new java.util.LinkedHashMap<>(
                                Map.of("n", 3, "values", new java.util.ArrayList<>(List.of("a", "b")))));
            } else {
                throw new AssertionError("a field of a type this test does not fill: " + field);
            }
        }
        TypeSerializer<Alert> serializer = TypeInformation.of(Alert.class).createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(alert, out);
        Alert read = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        for (Field field : Alert.class.getFields()) {
            if (!Modifier.isStatic(field.getModifiers())) {
                assertThat(field.get(read)).as(field.getName()).isEqualTo(field.get(alert));
            }
        }
    }
}
