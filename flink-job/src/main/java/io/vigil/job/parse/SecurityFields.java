package io.vigil.job.parse;

import io.vigil.common.DeadLetter;
import io.vigil.common.LogEvent;
import io.vigil.job.RawRecord;

/**
 * The ECS fields of a security message (sshd, sudo, kernel ... : security-messages.yml), read
 * from its first {@value #MAX_GROK_CHARS} characters only. Several of those grok patterns take
 * time quadratic in the text (sudo's {@code .*?USER=%{NOTSPACE}}: 1 s for 20 KB, most of an
 * hour for 1 MiB; see issue 16) and java.util.regex overflows the stack on long repetitions (a
 * 4 KB "a.a.a..." in grok's HOSTNAME): the messages these patterns are for fit the head, and an
 * attacker's padding then costs at most ~0.1 s. A failure of the patterns leaves the event
 * without those fields, stored, and says why ({@link RawRecord#fieldsNotRead}).
 */
public final class SecurityFields {
    /** How much of a message the security-message patterns read. */
    public static final int MAX_GROK_CHARS = 4096;

    private final SecurityMessageParser messageParser = new SecurityMessageParser();

    /** The fields of a syslog line's message, by its program (and PAM module). */
    public void read(SyslogLine line, LogEvent event, RawRecord record) {
        String message = line.message();
        SyslogLine head = message.length() <= MAX_GROK_CHARS
                ? line
                : new SyslogLine(
                        line.dialect(),
                        line.severity(),
                        line.timestamp(),
                        line.host(),
                        line.program(),
                        line.module(),
                        line.pid(),
                        message.substring(0, MAX_GROK_CHARS));
        try {
            messageParser.parse(head, event.fields);
        } catch (RuntimeException | StackOverflowError e) {
            record.fieldsNotRead(failedFields(e));
        }
    }

    /** The same for a line without a syslog header, under the program it is filed as. */
    public void read(String program, String message, LogEvent event, RawRecord record) {
        String head = message.length() > MAX_GROK_CHARS ? message.substring(0, MAX_GROK_CHARS) : message;
        try {
            messageParser.parse(program, head, event.fields);
        } catch (RuntimeException | StackOverflowError e) {
            record.fieldsNotRead(failedFields(e));
        }
    }

    private static String failedFields(Throwable e) {
        return "security fields not read: " + DeadLetter.unexpected(e) + " (stored without them)";
    }
}
