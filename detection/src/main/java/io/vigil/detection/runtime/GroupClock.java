package io.vigil.detection.runtime;

import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.TimerService;

/**
 * Event time of one group, kept in keyed state. Count and threshold rules judge a group's
 * events by the group's own clock (the newest event time seen for it), not by the job-wide
 * watermark: a host whose logs arrive an hour late is evaluated on its own timeline instead
 * of being dropped as late. The watermark only decides when idle state is removed: an
 * event-time timer {@code retention} after the watermark at the group's last arrival, so a
 * late group keeps its state while its backlog streams in.
 */
final class GroupClock {
    private final ValueState<Long> newest;
    private final ValueState<Long> cleanup;

    GroupClock(RuntimeContext context) {
        newest = context.getState(new ValueStateDescriptor<>("group-newest-event", Long.class));
        cleanup = context.getState(new ValueStateDescriptor<>("group-cleanup-timer", Long.class));
    }

    /** The newest event time seen for the group, or Long.MIN_VALUE before its first event. */
    long newest() throws Exception {
        Long value = newest.value();
        return value == null ? Long.MIN_VALUE : value;
    }

    /** Whether an event is more than {@code lateness} older than the group's newest event. */
    boolean isLate(long time, long lateness) throws Exception {
        long n = newest();
        return n != Long.MIN_VALUE && time < n - lateness;
    }

    void observe(long time) throws Exception {
        if (time > newest()) {
            newest.update(time);
        }
    }

    /** (Re)schedules the removal of the group's state {@code retention} from now, in event time. */
    void scheduleCleanup(TimerService timers, long retention) throws Exception {
        long base = Math.max(timers.currentWatermark(), newest());
        long at = base > Long.MAX_VALUE - retention ? Long.MAX_VALUE : base + retention;
        Long previous = cleanup.value();
        if (previous != null && previous == at) {
            return;
        }
        if (previous != null) {
            timers.deleteEventTimeTimer(previous);
        }
        timers.registerEventTimeTimer(at);
        cleanup.update(at);
    }

    /** Whether a firing timer is the group's current cleanup timer. */
    boolean isCleanup(long timestamp) throws Exception {
        Long at = cleanup.value();
        return at != null && at == timestamp;
    }

    void clear() {
        newest.clear();
        cleanup.clear();
    }
}
