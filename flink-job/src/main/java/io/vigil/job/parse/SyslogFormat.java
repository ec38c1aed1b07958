package io.vigil.job.parse;

import io.vigil.common.LogEvent;
import io.vigil.common.Severity;
import io.vigil.job.RawRecord;
import io.vigil.job.RecordParser;
import io.vigil.job.RejectedRecordException;
import java.time.ZoneId;

/**
 * A syslog line, RFC 5424 or 3164 in every common dialect ({@link SyslogParser}): time, host,
 * severity and program from the header, the message's ECS fields from security-messages.yml, or
 * those of an audit record when audisp forwarded one.
 */
public final class SyslogFormat implements LineFormat {
    private final SyslogParser parser;
    private final AuditRecordParser audit = new AuditRecordParser();
    private final SecurityFields security;

    /** @param zone zone of RFC 3164 timestamps, which carry none */
    public SyslogFormat(ZoneId zone, SecurityFields security) {
        this.parser = new SyslogParser(zone);
        this.security = security;
    }

    @Override
    public boolean read(String line, RawRecord record, LogEvent event) throws RejectedRecordException {
        SyslogLine syslog = parser.parse(line, record.kafkaTimestamp);
        if (syslog == null) {
            return false;
        }
        if (syslog.timestamp() == null) {
            RecordParser.receivedTime(event, record);
        } else {
            RecordParser.statedTime(event, syslog.timestamp(), record);
        }
        event.host = syslog.host() == null ? RecordParser.UNKNOWN_HOST : syslog.host();
        event.message = syslog.message();
        event.severity = syslog.severity() < 0
                ? Severity.LOW.name()
                : Severity.fromSyslogLevel(String.valueOf(syslog.severity())).name();
        if (audit.parse(syslog.message(), event.fields) != null) {
            return true; // forwarded by audisp: the syslog program and pid are the forwarder's, not the record's
        }
        if (syslog.program() != null) {
            event.fields.put("process.name", syslog.program());
        }
        if (syslog.pid() != null) {
            event.fields.put("process.pid", syslog.pid());
        }
        security.read(syslog, event, record);
        return true;
    }
}
