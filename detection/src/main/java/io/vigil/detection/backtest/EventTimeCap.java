package io.vigil.detection.backtest;

import io.vigil.common.LogEvent;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Holds event time at the end of the backtest's range: when the stored events run out, a bounded
 * source ends with the "end of time" watermark, which would decide every window still open (an
 * hour-long count with an upper bound, say) as if nothing came after the range. Events after the
 * range were not read, so such a window stays undecided, as it was live at that moment.
 */
final class EventTimeCap extends AbstractStreamOperator<LogEvent>
        implements OneInputStreamOperator<LogEvent, LogEvent> {
    private static final long serialVersionUID = 1L;
    private final long cap;

    EventTimeCap(long cap) {
        this.cap = cap;
    }

    @Override
    public void processElement(StreamRecord<LogEvent> element) {
        output.collect(element);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        super.processWatermark(mark.getTimestamp() > cap ? new Watermark(cap) : mark);
    }
}
