package io.vigil.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** {@link LogEvent#FIXED_FIELDS} and the switch in {@link LogEvent#field} name the same fields. */
class LogEventTest {
    private static final Object FROM_MAP = new Object();

    private static LogEvent everyFixedFieldSet() {
        LogEvent e = new LogEvent();
        e.timestamp = 1;
        e.host = "h";
        e.kind = Fields.KIND_METRIC;
        e.severity = "LOW";
        e.message = "m";
        e.topic = "t";
        e.cpuUsage = 1.0;
        e.memoryUsed = 1L;
        e.memoryTotal = 2L;
        e.memoryPercentage = 50.0;
        e.networkIn = 1.0;
        e.networkOut = 2.0;
        return e;
    }

    /** Every name the schema speaks of: Fields' constants, the ECS fields, the dotted metric names. */
    private static Set<String> vocabulary() throws IllegalAccessException {
        Set<String> names = new TreeSet<>(Fields.ECS);
        for (Field constant : Fields.class.getFields()) {
            if (Modifier.isStatic(constant.getModifiers()) && constant.getType() == String.class) {
                names.add((String) constant.get(null));
            }
        }
        for (String part : new String[] {Fields.MEMORY_USED, Fields.MEMORY_TOTAL, Fields.MEMORY_PERCENTAGE}) {
            names.add(Fields.MEMORY_USAGE + "." + part);
        }
        for (String part : new String[] {Fields.NET_IN, Fields.NET_OUT}) {
            names.add(Fields.NETWORK + "." + part);
        }
        return names;
    }

    @Test
    void everyFixedFieldIsAnsweredFromTheEventNotFromItsMap() {
        LogEvent e = everyFixedFieldSet();
        LogEvent.FIXED_FIELDS.forEach(name -> e.fields.put(name, FROM_MAP));
        for (String name : LogEvent.FIXED_FIELDS) {
            assertThat(e.field(name)).as(name).isNotNull().isNotSameAs(FROM_MAP);
        }
    }

    @Test
    void everyOtherNameIsAnsweredFromTheMap() throws Exception {
        LogEvent e = everyFixedFieldSet();
        Set<String> others = vocabulary();
        others.removeAll(LogEvent.FIXED_FIELDS);
        others.forEach(name -> e.fields.put(name, FROM_MAP));
        for (String name : others) {
            assertThat(e.field(name)).as(name).isSameAs(FROM_MAP);
        }
    }

    @Test
    void aCopyHoldsEveryFieldAndSharesNoCollection() throws Exception {
        LogEvent e = everyFixedFieldSet();
        e.id = "id";
        e.partition = 3;
        e.offset = 4;
        e.ingested = 5;
        e.fields.put("user.name", "root");
        e.threats = new java.util.ArrayList<>(java.util.List.of(new Threat("r", "t", "HIGH", java.util.List.of())));

        LogEvent c = e.copy();

        for (Field field : LogEvent.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            assertThat(field.get(e)).as(field.getName()).isNotNull();
            assertThat(field.get(c)).as(field.getName()).isEqualTo(field.get(e));
        }
        assertThat(c.fields).isNotSameAs(e.fields);
        assertThat(c.threats).isNotSameAs(e.threats);
    }
}
