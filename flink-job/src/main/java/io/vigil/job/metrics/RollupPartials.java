package io.vigil.job.metrics;

import io.vigil.common.LogEvent;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.ChainingStrategy;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Folds each host's events of a minute into one {@link RollupPartial} before the shuffle to the
 * rollup windows (issue 18). Every event used to cross two keyed shuffles, one per window: the
 * bench's 1M events sent 1.94M of the source chain's 2.64M shuffled records to the rollups, while
 * the windows stored 5,400 minutes.
 *
 * <p>The windows see what they saw before, only folded:
 * <ul>
 *   <li>A minute is held until this subtask's watermark passes its end, and sent before that
 *       watermark. The window's watermark is the least of its inputs', never ahead of this one's,
 *       so what was held arrives before its window fires, as the events it holds would have.
 *   <li>An event whose minute has already ended here goes on at once, alone: a late event
 *       re-fires its window, or is counted too late, exactly as before.
 *   <li>Everything held goes on before a checkpoint barrier and at the end of input, so nothing
 *       is kept in state: a restore replays the events after the checkpoint, as for every other
 *       operator of the chain.
 *   <li>At most {@code maxHeld} host-minutes are held; more (invented host names) sends them all
 *       on early. That is always allowed: an early partial lands in its window like an early
 *       event.
 * </ul>
 *
 * <p>Sums are added in another order than event by event, so a rollup's float sums may differ in
 * the last bit; they already did with the order partitions are read in.
 */
public final class RollupPartials extends AbstractStreamOperator<RollupPartial>
        implements OneInputStreamOperator<LogEvent, RollupPartial>, BoundedOneInput {
    private static final long serialVersionUID = 1L;
    /** Host-minutes held at most: about a million bytes of accumulators. */
    static final int MAX_HELD = 10_000;

    /** Length of a minute window, milliseconds. */
    private final long minuteMillis;

    private final int maxHeld;
    /** Open minutes, oldest first, each with its hosts' sums. */
    private transient TreeMap<Long, Map<String, RollupAccumulator>> held;

    private transient int heldCount;
    private transient long watermark;
    private transient StreamRecord<RollupPartial> out;

    /** @param minute the short rollup window's length: partials fold exactly its windows */
    public RollupPartials(Duration minute) {
        this(minute, MAX_HELD);
    }

    RollupPartials(Duration minute, int maxHeld) {
        if (maxHeld < 1) {
            throw new IllegalArgumentException("at least one host-minute must be held: " + maxHeld);
        }
        this.minuteMillis = minute.toMillis();
        this.maxHeld = maxHeld;
        // In the source chain, or the events would cross the network to reach it (the default
        // of a custom operator is to start a chain of its own).
        setChainingStrategy(ChainingStrategy.ALWAYS);
    }

    @Override
    public void open() throws Exception {
        super.open();
        held = new TreeMap<>();
        watermark = Long.MIN_VALUE;
        out = new StreamRecord<>(null);
    }

    @Override
    public void processElement(StreamRecord<LogEvent> element) {
        RollupPoint point = RollupPoint.of(element.getValue());
        // Placed as the window assigner places the record: by its timestamp, not the event's field.
        long minute = TimeWindow.getWindowStartWithOffset(element.getTimestamp(), 0, minuteMillis);
        if (lastOf(minute) <= watermark) {
            RollupAccumulator alone = new RollupAccumulator();
            alone.add(point);
            send(point.host, minute, alone);
            return;
        }
        Map<String, RollupAccumulator> hosts = held.computeIfAbsent(minute, m -> new HashMap<>());
        RollupAccumulator sums = hosts.get(point.host);
        if (sums == null) {
            sums = new RollupAccumulator();
            hosts.put(point.host, sums);
            heldCount++;
        }
        sums.add(point);
        if (heldCount >= maxHeld) {
            sendUpTo(Long.MAX_VALUE);
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        watermark = mark.getTimestamp();
        sendUpTo(watermark);
        super.processWatermark(mark);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        sendUpTo(Long.MAX_VALUE);
    }

    @Override
    public void endInput() {
        sendUpTo(Long.MAX_VALUE);
    }

    /** Sends every held minute that ends at or before {@code time}. */
    private void sendUpTo(long time) {
        Iterator<Map.Entry<Long, Map<String, RollupAccumulator>>> minutes =
                held.entrySet().iterator();
        while (minutes.hasNext()) {
            Map.Entry<Long, Map<String, RollupAccumulator>> open = minutes.next();
            long minute = open.getKey();
            if (time != Long.MAX_VALUE && lastOf(minute) > time) {
                return;
            }
            for (Map.Entry<String, RollupAccumulator> host : open.getValue().entrySet()) {
                send(host.getKey(), minute, host.getValue());
            }
            heldCount -= open.getValue().size();
            minutes.remove();
        }
    }

    /** The minute's last millisecond: its window's {@code maxTimestamp}, which the watermark must reach. */
    private long lastOf(long minute) {
        return minute + minuteMillis - 1;
    }

    private void send(String host, long minute, RollupAccumulator sums) {
        output.collect(out.replace(new RollupPartial(host, minute, sums), minute));
    }
}
