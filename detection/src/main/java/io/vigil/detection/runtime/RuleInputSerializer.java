package io.vigil.detection.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;
import org.apache.flink.util.InstantiationUtil;

/**
 * {@link RuleInput} on the wire from the router to its rule's operator: every field written
 * directly, where Flink's POJO serializer reads and sets each one by reflection ({@code
 * Field.get} was about 3.5 % of JobCost's samples, issue 18). Only for the router's side outputs
 * ({@link RuleInputTypeInfo}); the inputs rules hold in state keep the POJO serializer, so
 * savepoints are not touched. RuleInputSerializerTest fails when a field of RuleInput is not
 * carried.
 */
public final class RuleInputSerializer extends TypeSerializerSingleton<RuleInput> {
    private static final long serialVersionUID = 1L;

    public static final RuleInputSerializer INSTANCE = new RuleInputSerializer();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public RuleInput createInstance() {
        return new RuleInput();
    }

    /**
     * A round trip through {@link #serialize}: Flink copies an input only between chained
     * operators without object reuse, which the job does not run, so the field list is kept in one
     * place rather than made fast here.
     */
    @Override
    public RuleInput copy(RuleInput from) {
        try {
            return InstantiationUtil.deserializeFromByteArray(this, InstantiationUtil.serializeToByteArray(this, from));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory views do not fail
        }
    }

    @Override
    public RuleInput copy(RuleInput from, RuleInput reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(RuleInput r, DataOutputView out) throws IOException {
        StringValue.writeString(r.key, out);
        out.writeLong(r.timestamp);
        out.writeLong(r.content);
        StringValue.writeString(r.id, out);
        StringValue.writeString(r.host, out);
        out.writeInt(r.severity);
        StringValue.writeString(r.value, out);
        out.writeInt(r.parts);
        out.writeDouble(r.number);
        out.writeInt(r.steps);
        out.writeInt(r.summary.length);
        for (String s : r.summary) {
            StringValue.writeString(s, out);
        }
        out.writeLong(r.arrival);
    }

    @Override
    public RuleInput deserialize(DataInputView in) throws IOException {
        RuleInput r = new RuleInput();
        r.key = StringValue.readString(in);
        r.timestamp = in.readLong();
        r.content = in.readLong();
        r.id = StringValue.readString(in);
        r.host = StringValue.readString(in);
        r.severity = in.readInt();
        r.value = StringValue.readString(in);
        r.parts = in.readInt();
        r.number = in.readDouble();
        r.steps = in.readInt();
        int summaries = in.readInt();
        if (summaries > 0) {
            r.summary = new String[summaries];
            for (int i = 0; i < summaries; i++) {
                r.summary[i] = StringValue.readString(in);
            }
        }
        r.arrival = in.readLong();
        return r;
    }

    @Override
    public RuleInput deserialize(RuleInput reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public TypeSerializerSnapshot<RuleInput> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Never in a savepoint (the type is only on the wire), but every serializer must have one. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<RuleInput> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
