package io.vigil.job.parse;

/**
 * The header fields of one syslog line.
 *
 * @param severity the RFC 5424 severity digit (0 emerg .. 7 debug) from PRI, or -1 without PRI
 * @param timestamp event time, epoch millis UTC
 */
public record SyslogLine(String format, int severity, long timestamp, String host, String program,
                         Long pid, String message) {
}
