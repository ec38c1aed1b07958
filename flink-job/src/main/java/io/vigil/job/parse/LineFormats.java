package io.vigil.job.parse;

import java.time.ZoneId;
import java.util.List;

/** The text formats Vigil reads, in the order they are tried: the one place a format is added. */
public final class LineFormats {
    private LineFormats() {}

    /**
     * A new list for one {@link io.vigil.job.RecordParser}: built once per parser, never per
     * record (the security-message patterns it compiles take a while to build).
     *
     * @param syslogZone zone of RFC 3164 timestamps, which carry none
     */
    public static List<LineFormat> defaults(ZoneId syslogZone) {
        SecurityFields security = new SecurityFields();
        return List.of(
                new SyslogFormat(syslogZone, security),
                new AuditFormat(),
                // last: keeps whole every line no format above recognised
                new PlainLineFormat(security));
    }
}
