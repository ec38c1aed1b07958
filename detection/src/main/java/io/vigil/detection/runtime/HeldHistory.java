package io.vigil.detection.runtime;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * A group's waiting inputs, in {@link RuleInput#ORDER} (see {@link OrderedRuleFunction}), kept in
 * encoded chunks of about {@value #CHUNK} ({@link HeldChunk}).
 *
 * <p>Why not a list of inputs (issue 18): the operators hold every input of the reorder window,
 * five minutes of arrival. As objects a held metric sample took about 150 bytes of heap in three
 * objects; under sustained ingest the one-machine stack's 3 GB heap filled with them and went
 * into full collections. Encoded, an input takes about a third of that, and a chunk of them is one
 * object for the collector to trace. Inputs in order, the common case, are appended without
 * decoding anything; an input out of order decodes and rewrites only the chunk it falls in;
 * re-evaluation decodes only the chunks after the snapshot it starts from.
 *
 * <p>Not a Flink POJO: {@link HeldHistorySerializer} writes it, and copies it sharing the chunks
 * that no longer change.
 */
public final class HeldHistory {
    /** Inputs in a chunk before the next one starts; a chunk an out-of-order input falls in may grow to twice that. */
    static final int CHUNK = 64;

    static final String[] NO_SUMMARY = new String[0];

    final List<HeldChunk> chunks;
    private int size;

    public HeldHistory() {
        this(new ArrayList<>(1));
    }

    HeldHistory(List<HeldChunk> chunks) {
        this.chunks = chunks;
        for (HeldChunk chunk : chunks) {
            size += chunk.count;
        }
    }

    /** The history of {@code inputs}, which are in {@link RuleInput#ORDER}. */
    static HeldHistory of(List<RuleInput> inputs, String key, DataOutputSerializer scratch) {
        HeldHistory history = new HeldHistory();
        for (RuleInput input : inputs) {
            history.append(input, key, scratch);
        }
        return history;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Negative, zero or positive as {@code input} comes before, is, or comes after the newest input; positive when empty. */
    int compareToNewest(RuleInput input) {
        return chunks.isEmpty() ? 1 : -newest().compareNewestTo(input);
    }

    /** Adds {@code input}, which comes after every input held. */
    void append(RuleInput input, String key, DataOutputSerializer scratch) {
        if (chunks.isEmpty() || newest().count >= CHUNK) {
            if (!chunks.isEmpty()) {
                newest().trim();
            }
            chunks.add(new HeldChunk(input.timestamp, input.arrival));
        }
        newest().append(input, key, scratch);
        size++;
    }

    /** Puts {@code input} in its place; false when it is held already (the same event again). */
    boolean insert(RuleInput input, String key, DataOutputSerializer scratch) {
        if (chunks.isEmpty()) {
            append(input, key, scratch);
            return true;
        }
        int at = 0;
        while (at < chunks.size() - 1 && chunks.get(at).compareNewestTo(input) < 0) {
            at++;
        }
        List<RuleInput> inputs = chunks.get(at).decode(key);
        int position = position(inputs, input);
        if (position < 0) {
            return false;
        }
        inputs.add(position, input);
        chunks.remove(at);
        if (inputs.size() > 2 * CHUNK) {
            int half = inputs.size() / 2;
            chunks.add(at, trimmed(HeldChunk.of(inputs.subList(0, half), key, scratch)));
            chunks.add(at + 1, HeldChunk.of(inputs.subList(half, inputs.size()), key, scratch));
        } else {
            chunks.add(at, HeldChunk.of(inputs, key, scratch));
        }
        if (at + 1 < chunks.size()) {
            chunks.get(at).trim();
        }
        size++;
        return true;
    }

    private static HeldChunk trimmed(HeldChunk chunk) {
        chunk.trim();
        return chunk;
    }

    /** The held inputs that {@code base} has not folded in yet (all of them when it is null), in order. */
    List<RuleInput> after(MachineState base, String key) {
        List<RuleInput> inputs = new ArrayList<>();
        for (HeldChunk chunk : chunks) {
            if (base != null && chunk.compareNewestTo(base.atTime, base.atContent, base.atId) <= 0) {
                continue;
            }
            for (RuleInput input : chunk.decode(key)) {
                if (base == null || !base.isAtOrAfter(input)) {
                    inputs.add(input);
                }
            }
        }
        return inputs;
    }

    /** Whether an input, the {@code index}-th held, is final. */
    interface Final {
        boolean test(RuleInput input, int index);
    }

    /** The oldest inputs as long as they are final, stopping at the first that is not. */
    List<RuleInput> finalFront(Final isFinal, String key) {
        List<RuleInput> front = new ArrayList<>();
        for (HeldChunk chunk : chunks) {
            HeldChunk.Reader reader = chunk.reader(key);
            for (int i = 0; i < chunk.count; i++) {
                RuleInput input = reader.next();
                if (!isFinal.test(input, front.size())) {
                    return front;
                }
                front.add(input);
            }
        }
        return front;
    }

    /** Drops the {@code n} oldest inputs. */
    void dropFront(int n) {
        int left = n;
        while (left > 0 && left >= chunks.get(0).count) {
            left -= chunks.remove(0).count;
        }
        if (left > 0) {
            chunks.set(0, chunks.get(0).withoutFirst(left));
        }
        size -= n;
    }

    /** The earliest arrival of a held input, or an earlier one of an input settled since; MAX_VALUE when empty. */
    long earliestArrival() {
        long earliest = Long.MAX_VALUE;
        for (HeldChunk chunk : chunks) {
            earliest = Math.min(earliest, chunk.minArrival);
        }
        return earliest;
    }

    /** A history that can be changed without changing this one: the chunks that no longer change are shared. */
    HeldHistory copy() {
        List<HeldChunk> copy = new ArrayList<>(chunks);
        if (!copy.isEmpty()) {
            copy.set(copy.size() - 1, newest().copy());
        }
        return new HeldHistory(copy);
    }

    private HeldChunk newest() {
        return chunks.get(chunks.size() - 1);
    }

    /** Where {@code input} goes in the sorted {@code inputs}, or -1 when it is already there. */
    private static int position(List<RuleInput> inputs, RuleInput input) {
        int low = 0;
        int high = inputs.size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int c = RuleInput.ORDER.compare(inputs.get(mid), input);
            if (c < 0) {
                low = mid + 1;
            } else if (c > 0) {
                high = mid - 1;
            } else {
                return -1;
            }
        }
        return low;
    }
}
