package io.vigil.job.parse;

import io.vigil.common.LogEvent;
import io.vigil.common.Severity;
import io.vigil.job.RawRecord;
import io.vigil.job.RecordParser;
import io.vigil.job.RejectedRecordException;

/**
 * A line of audit.log as auditd writes it ({@link AuditRecordParser}), without a syslog header:
 * the record carries its own time and node.
 */
public final class AuditFormat implements LineFormat {
    private final AuditRecordParser parser = new AuditRecordParser();

    @Override
    public boolean read(String line, RawRecord record, LogEvent event) throws RejectedRecordException {
        AuditRecordParser.Header audit = parser.parse(line, event.fields);
        if (audit == null) {
            return false; // and the parser added no field
        }
        event.message = line;
        event.severity = Severity.LOW.name();
        RecordParser.statedTime(event, audit.timestamp(), record);
        event.host = audit.node() == null ? RecordParser.UNKNOWN_HOST : audit.node();
        return true;
    }
}
