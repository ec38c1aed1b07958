package io.vigil.job;

import io.vigil.common.LogEvent;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Parses every raw record; rejected ones leave through {@link #DEAD_LETTERS} with their reason
 * and are counted ({@code vigil.records.rejected}), so bad input never stops the job.
 */
public class ParseRecords extends ProcessFunction<RawRecord, LogEvent> {
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {
    };

    private final int maxRecordBytes;
    private final String syslogZone;
    private transient RecordParser parser;
    private transient Counter parsed;
    private transient Counter rejected;

    public ParseRecords(int maxRecordBytes, java.time.ZoneId syslogZone) {
        this.maxRecordBytes = maxRecordBytes;
        this.syslogZone = syslogZone.getId();
    }

    @Override
    public void open(Configuration parameters) {
        parser = new RecordParser(maxRecordBytes, java.time.ZoneId.of(syslogZone));
        parsed = getRuntimeContext().getMetricGroup().addGroup("vigil").counter("records.parsed");
        rejected = getRuntimeContext().getMetricGroup().addGroup("vigil").counter("records.rejected");
    }

    @Override
    public void processElement(RawRecord record, Context ctx, Collector<LogEvent> out) {
        long now = System.currentTimeMillis();
        try {
            out.collect(parser.parse(record, now));
            parsed.inc();
        } catch (RejectedRecordException e) {
            rejected.inc();
            ctx.output(DEAD_LETTERS, DeadLetter.of(record, e.getMessage(), now));
        }
    }
}
