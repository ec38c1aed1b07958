package io.vigil.detection.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

class RuleInputSerializerTest {
    private static final RuleInputSerializer SERIALIZER = RuleInputSerializer.INSTANCE;

    /** Every field set, and none to its default: a field the serializer forgets comes back changed. */
    private static RuleInput everyFieldSet() {
        RuleInput r = new RuleInput();
        r.key = "203.0.113.9";
        r.timestamp = 1_700_000_000_123L;
        r.content = -42L;
        r.id = "threat-logs-3-17";
        r.host = "bastion-01";
        r.severity = 3;
        r.value = "root";
        r.parts = 0b101;
        r.number = 93.5;
        r.steps = 0b11;
        r.summary = new String[] {"alice", null, "ünïcode"};
        r.arrival = 1_700_000_001_000L;
        return r;
    }

    private static List<Field> fields() {
        List<Field> fields = new ArrayList<>();
        for (Field field : RuleInput.class.getFields()) {
            if (!Modifier.isStatic(field.getModifiers())) {
                fields.add(field);
            }
        }
        return fields;
    }

    private static RuleInput roundTrip(RuleInput r) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        SERIALIZER.serialize(r, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        RuleInput back = SERIALIZER.deserialize(in);
        assertThat(in.available()).as("bytes left unread").isZero();
        return back;
    }

    private static void assertSameFields(RuleInput actual, RuleInput expected) throws Exception {
        for (Field field : fields()) {
            assertThat(field.get(actual)).as(field.getName()).isEqualTo(field.get(expected));
        }
    }

    @Test
    void everyFieldIsSetInTheSample() throws Exception {
        RuleInput fresh = new RuleInput();
        RuleInput sample = everyFieldSet();
        for (Field field : fields()) {
            assertThat(field.get(sample)).as(field.getName()).isNotEqualTo(field.get(fresh));
        }
    }

    @Test
    void carriesEveryField() throws Exception {
        RuleInput sample = everyFieldSet();

        assertSameFields(roundTrip(sample), sample);
        assertSameFields(SERIALIZER.copy(sample), sample);
    }

    @Test
    void carriesAnInputWithNothingButDefaults() throws Exception {
        RuleInput empty = new RuleInput();

        RuleInput back = roundTrip(empty);

        assertSameFields(back, empty);
        assertThat(back.summary).isSameAs(RuleInput.NO_SUMMARY);
    }

    @Test
    void copiesBetweenViewsWithoutChange() throws Exception {
        DataOutputSerializer first = new DataOutputSerializer(64);
        SERIALIZER.serialize(everyFieldSet(), first);
        DataOutputSerializer second = new DataOutputSerializer(64);

        SERIALIZER.copy(new DataInputDeserializer(first.getCopyOfBuffer()), second);

        assertThat(second.getCopyOfBuffer()).isEqualTo(first.getCopyOfBuffer());
    }

    @Test
    void theTypeAndItsSnapshotSurviveJavaSerialization() throws Exception {
        // the side-output tags carry the type into the job graph
        assertThat(InstantiationUtil.clone(RuleInputTypeInfo.INSTANCE)).isEqualTo(RuleInputTypeInfo.INSTANCE);
        assertThat(SERIALIZER.snapshotConfiguration().restoreSerializer()).isEqualTo(SERIALIZER);
    }
}
