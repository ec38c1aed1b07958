package io.vigil.detection.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.types.StringValue;

/**
 * Consecutive waiting inputs of one group ({@link HeldHistory}), encoded one after another in one
 * byte array: about 50 bytes an input where the objects took about 150, and one object where
 * they were three. What every input of the group has in common is left out: the group key, and
 * the host where it is the key. Times and arrivals are small numbers against the chunk's first.
 * The newest input's time and content, where it starts, and the earliest arrival are kept beside
 * the bytes, so that appending and settling need not decode.
 *
 * <p>A chunk's bytes up to {@link #length} never change once written: a copy of a history may
 * share them. Only the history's newest chunk is appended to in place, and a copy copies that one.
 */
final class HeldChunk {
    private static final int HOST_IS_KEY = 1;
    private static final int HAS_NUMBER = 2;

    byte[] bytes;
    /** Where the first input starts (inputs dropped from the front are skipped, not moved). */
    int start;

    int length;
    int count;
    final long baseTime;
    final long baseArrival;
    long lastTime;
    long lastContent;
    /** Where the newest input starts: its id is read from there when time and content tie (rarely). */
    int lastAt;
    /** The earliest arrival of an input in the chunk, or of one dropped from its front since. */
    long minArrival = Long.MAX_VALUE;

    HeldChunk(long baseTime, long baseArrival) {
        this.baseTime = baseTime;
        this.baseArrival = baseArrival;
        this.bytes = new byte[0];
    }

    /** A chunk of {@code inputs}, in their order. */
    static HeldChunk of(List<RuleInput> inputs, String key, DataOutputSerializer scratch) {
        RuleInput first = inputs.get(0);
        HeldChunk chunk = new HeldChunk(first.timestamp, first.arrival);
        for (RuleInput input : inputs) {
            chunk.append(input, key, scratch);
        }
        return chunk;
    }

    /** Writes {@code input} after the chunk's newest, which it must come after in {@link RuleInput#ORDER}. */
    void append(RuleInput input, String key, DataOutputSerializer scratch) {
        scratch.clear();
        try {
            encode(input, key, scratch);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writes to memory: none is thrown
        }
        int n = scratch.length();
        if (length + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(length + n, bytes.length + (bytes.length >> 1)));
        }
        System.arraycopy(scratch.getSharedBuffer(), 0, bytes, length, n);
        lastAt = length;
        length += n;
        count++;
        lastTime = input.timestamp;
        lastContent = input.content;
        minArrival = Math.min(minArrival, input.arrival);
    }

    /** Gives up the room kept for appends: the chunk is no longer the newest. */
    void trim() {
        if (bytes.length > length) {
            bytes = Arrays.copyOf(bytes, length);
        }
    }

    /** A chunk that can be changed without changing this one. */
    HeldChunk copy() {
        HeldChunk copy = sameHeader();
        copy.bytes = Arrays.copyOfRange(bytes, start, length);
        copy.length = length - start;
        copy.lastAt = lastAt - start;
        return copy;
    }

    /** This chunk without its first {@code n} inputs; it shares the bytes. */
    HeldChunk withoutFirst(int n) {
        Reader reader = reader("");
        for (int i = 0; i < n; i++) {
            reader.next();
        }
        HeldChunk rest = sameHeader();
        rest.bytes = bytes;
        rest.start = reader.position();
        rest.length = length;
        rest.lastAt = lastAt;
        rest.count = count - n;
        return rest;
    }

    private HeldChunk sameHeader() {
        HeldChunk copy = new HeldChunk(baseTime, baseArrival);
        copy.count = count;
        copy.lastTime = lastTime;
        copy.lastContent = lastContent;
        copy.minArrival = minArrival;
        return copy;
    }

    /** How the chunk's newest input compares with {@code input} in {@link RuleInput#ORDER}. */
    int compareNewestTo(RuleInput input) {
        return compareNewestTo(input.timestamp, input.content, input.id);
    }

    /** How the chunk's newest input compares with one at this time, content and id. */
    int compareNewestTo(long time, long content, String id) {
        if (lastTime != time) {
            return Long.compare(lastTime, time);
        }
        if (lastContent != content) {
            return Long.compare(lastContent, content);
        }
        String lastId = new Reader("", lastAt).next().id;
        return (lastId == null ? "" : lastId).compareTo(id == null ? "" : id);
    }

    List<RuleInput> decode(String key) {
        List<RuleInput> inputs = new ArrayList<>(count);
        Reader reader = reader(key);
        for (int i = 0; i < count; i++) {
            inputs.add(reader.next());
        }
        return inputs;
    }

    Reader reader(String key) {
        return new Reader(key, start);
    }

    /** Decodes the chunk's inputs one by one, oldest first. */
    final class Reader {
        private final DataInputDeserializer in;
        private final String key;

        Reader(String key, int from) {
            this.key = key;
            this.in = new DataInputDeserializer(bytes, from, length - from);
        }

        RuleInput next() {
            try {
                return decode(in, key);
            } catch (IOException e) {
                throw new IllegalStateException("a held input cannot be read back", e);
            }
        }

        int position() {
            return in.getPosition();
        }
    }

    private void encode(RuleInput input, String key, DataOutputSerializer out) throws IOException {
        boolean hostIsKey = input.host != null && input.host.equals(key);
        boolean hasNumber = Double.doubleToRawLongBits(input.number) != 0;
        out.writeByte((hostIsKey ? HOST_IS_KEY : 0) | (hasNumber ? HAS_NUMBER : 0));
        writeSigned(out, input.timestamp - baseTime);
        out.writeLong(input.content);
        StringValue.writeString(input.id, out);
        if (!hostIsKey) {
            StringValue.writeString(input.host, out);
        }
        writeUnsigned(out, input.severity);
        StringValue.writeString(input.value, out);
        writeUnsigned(out, input.parts);
        writeUnsigned(out, input.steps);
        if (hasNumber) {
            out.writeDouble(input.number);
        }
        String[] summary = input.summary == null ? new String[0] : input.summary;
        writeUnsigned(out, summary.length);
        for (String s : summary) {
            StringValue.writeString(s, out);
        }
        writeSigned(out, input.arrival - baseArrival);
    }

    private RuleInput decode(DataInputDeserializer in, String key) throws IOException {
        RuleInput input = new RuleInput();
        int flags = in.readByte();
        input.key = key;
        input.timestamp = baseTime + readSigned(in);
        input.content = in.readLong();
        input.id = StringValue.readString(in);
        input.host = (flags & HOST_IS_KEY) != 0 ? key : StringValue.readString(in);
        input.severity = (int) readUnsigned(in);
        input.value = StringValue.readString(in);
        input.parts = (int) readUnsigned(in);
        input.steps = (int) readUnsigned(in);
        input.number = (flags & HAS_NUMBER) != 0 ? in.readDouble() : 0;
        int summaries = (int) readUnsigned(in);
        input.summary = summaries == 0 ? HeldHistory.NO_SUMMARY : new String[summaries];
        for (int i = 0; i < summaries; i++) {
            input.summary[i] = StringValue.readString(in);
        }
        input.arrival = baseArrival + readSigned(in);
        return input;
    }

    /** An int's 32 bits, unsigned, seven a byte, low first: bit masks and small counts take one byte. */
    private static void writeUnsigned(DataOutputSerializer out, int value) throws IOException {
        long v = value & 0xFFFF_FFFFL;
        while ((v & ~0x7FL) != 0) {
            out.writeByte((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.writeByte((int) v);
    }

    private static long readUnsigned(DataInputDeserializer in) throws IOException {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = in.readByte();
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
    }

    private static void writeSigned(DataOutputSerializer out, long value) throws IOException {
        // zigzag: small differences either way take few bytes
        long zigzag = (value << 1) ^ (value >> 63);
        while ((zigzag & ~0x7FL) != 0) {
            out.writeByte((int) (zigzag & 0x7F) | 0x80);
            zigzag >>>= 7;
        }
        out.writeByte((int) zigzag);
    }

    private static long readSigned(DataInputDeserializer in) throws IOException {
        long zigzag = readUnsigned(in);
        return (zigzag >>> 1) ^ -(zigzag & 1);
    }
}
