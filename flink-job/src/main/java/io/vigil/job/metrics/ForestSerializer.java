package io.vigil.job.metrics;

import com.amazon.randomcutforest.parkservices.ThresholdedRandomCutForest;
import com.amazon.randomcutforest.parkservices.state.ThresholdedRandomCutForestMapper;
import com.amazon.randomcutforest.parkservices.state.ThresholdedRandomCutForestState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Keeps a host's Random Cut Forest ({@link HostForest}) in keyed state as the live object: with
 * the heap state backend the forest is converted to bytes only when a checkpoint writes it, and
 * only if it changed since the checkpoint before, instead of on every window. (Converting it on
 * every window — state mapper, Java serialization and the trees' reconstruction — was most of
 * the anomaly operator's CPU in profiles.) The bytes are the forest library's own state object,
 * Java-serialized, as the operator stored them before.
 */
public final class ForestSerializer extends TypeSerializer<HostForest> {
    private static final long serialVersionUID = 1L;

    private transient ThresholdedRandomCutForestMapper mapper;

    private ThresholdedRandomCutForestMapper mapper() {
        if (mapper == null) {
            mapper = new ThresholdedRandomCutForestMapper();
        }
        return mapper;
    }

    /** The forest's bytes: its state object, Java-serialized. */
    byte[] toBytes(ThresholdedRandomCutForest forest) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(buffer)) {
            out.writeObject(mapper().toState(forest));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    ThresholdedRandomCutForest fromBytes(byte[] bytes) throws IOException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return mapper().toModel((ThresholdedRandomCutForestState) in.readObject(), 0);
        } catch (ClassNotFoundException e) {
            throw new IOException(e);
        }
    }

    /** The forest's bytes, made once per change. */
    private byte[] bytesOf(HostForest forest) {
        if (forest.bytes == null) {
            forest.bytes = toBytes(forest.model);
        }
        return forest.bytes;
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<HostForest> duplicate() {
        return new ForestSerializer(); // the mapper is not shared between threads
    }

    @Override
    public HostForest createInstance() {
        return null;
    }

    /** A deep copy (the heap backend copies an entry a running snapshot still has to write). */
    @Override
    public HostForest copy(HostForest from) {
        if (from == null) {
            return null;
        }
        byte[] bytes = bytesOf(from);
        try {
            return new HostForest(fromBytes(bytes), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public HostForest copy(HostForest from, HostForest reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(HostForest record, DataOutputView target) throws IOException {
        byte[] bytes = bytesOf(record);
        target.writeInt(bytes.length);
        target.write(bytes);
    }

    @Override
    public HostForest deserialize(DataInputView source) throws IOException {
        byte[] bytes = new byte[source.readInt()];
        source.readFully(bytes);
        return new HostForest(fromBytes(bytes), bytes);
    }

    @Override
    public HostForest deserialize(HostForest reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        int length = source.readInt();
        target.writeInt(length);
        target.write(source, length);
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof ForestSerializer;
    }

    @Override
    public int hashCode() {
        return ForestSerializer.class.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<HostForest> snapshotConfiguration() {
        return new Snapshot();
    }

    /** No configuration: the format is fixed. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<HostForest> {
        public Snapshot() {
            super(ForestSerializer::new);
        }
    }
}
