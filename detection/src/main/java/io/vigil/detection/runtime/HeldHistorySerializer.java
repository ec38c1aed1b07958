package io.vigil.detection.runtime;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Writes a {@link HeldHistory} to checkpoints and savepoints as its chunks' bytes, and copies it
 * for the heap state backend's copy-on-write sharing the chunks that no longer change.
 *
 * <p>The bytes are in {@link HeldChunk}'s encoding of a {@link RuleInput}, so a field added to
 * {@code RuleInput} changes them: raise {@link #FORMAT}, and have {@link #deserialize} decode a
 * history of the previous format with the previous encoding and encode it anew, or savepoints of
 * the previous version no longer restore. {@code HeldHistoryProperties} fails while a field is not
 * encoded.
 */
public final class HeldHistorySerializer extends TypeSerializerSingleton<HeldHistory> {
    private static final long serialVersionUID = 1L;

    /** The encoding of the inputs, written before each history. */
    static final int FORMAT = 1;

    public static final HeldHistorySerializer INSTANCE = new HeldHistorySerializer();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public HeldHistory createInstance() {
        return new HeldHistory();
    }

    @Override
    public HeldHistory copy(HeldHistory from) {
        return from.copy();
    }

    @Override
    public HeldHistory copy(HeldHistory from, HeldHistory reuse) {
        return from.copy();
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(HeldHistory history, DataOutputView out) throws IOException {
        out.writeByte(FORMAT);
        out.writeInt(history.chunks.size());
        for (HeldChunk chunk : history.chunks) {
            out.writeInt(chunk.count);
            out.writeLong(chunk.baseTime);
            out.writeLong(chunk.baseArrival);
            out.writeLong(chunk.lastTime);
            out.writeLong(chunk.lastContent);
            out.writeInt(chunk.lastAt - chunk.start);
            out.writeLong(chunk.minArrival);
            out.writeInt(chunk.length - chunk.start);
            out.write(chunk.bytes, chunk.start, chunk.length - chunk.start);
        }
    }

    @Override
    public HeldHistory deserialize(DataInputView in) throws IOException {
        int format = in.readByte();
        if (format != FORMAT) {
            throw new IOException("held rule inputs written in format " + format + "; this version reads " + FORMAT);
        }
        int n = in.readInt();
        List<HeldChunk> chunks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int count = in.readInt();
            HeldChunk chunk = new HeldChunk(in.readLong(), in.readLong());
            chunk.count = count;
            chunk.lastTime = in.readLong();
            chunk.lastContent = in.readLong();
            chunk.lastAt = in.readInt();
            chunk.minArrival = in.readLong();
            chunk.length = in.readInt();
            chunk.bytes = new byte[chunk.length];
            in.readFully(chunk.bytes);
            chunks.add(chunk);
        }
        return new HeldHistory(chunks);
    }

    @Override
    public HeldHistory deserialize(HeldHistory reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public TypeSerializerSnapshot<HeldHistory> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores the serializer from a checkpoint; public with a no-argument constructor, as Flink requires. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<HeldHistory> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
