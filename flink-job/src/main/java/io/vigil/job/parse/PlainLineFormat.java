package io.vigil.job.parse;

import io.vigil.common.LogEvent;
import io.vigil.common.Severity;
import io.vigil.job.RawRecord;
import io.vigil.job.RecordParser;

/**
 * Any line: kept whole as the message, never dropped, with the time Kafka received it (and the
 * event says so) and host {@value RecordParser#UNKNOWN_HOST}. Its message is still read for
 * security fields, filed under {@link SecurityMessageParser#NO_HEADER}. Last in
 * {@link LineFormats#defaults}: it takes every line.
 */
public final class PlainLineFormat implements LineFormat {
    private final SecurityFields security;

    public PlainLineFormat(SecurityFields security) {
        this.security = security;
    }

    @Override
    public boolean read(String line, RawRecord record, LogEvent event) {
        event.message = line;
        event.severity = Severity.LOW.name();
        RecordParser.receivedTime(event, record);
        event.host = RecordParser.UNKNOWN_HOST;
        security.read(SecurityMessageParser.NO_HEADER, line, event, record);
        return true;
    }
}
