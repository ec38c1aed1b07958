package io.vigil.job.parse;

/**
 * What a syslog header said about one line.
 *
 * @param dialect which header shape was read (docs/schema.md, "Syslog dialects")
 * @param severity the RFC 5424 severity digit (0 emerg .. 7 debug) from PRI or a level word, or -1
 * @param timestamp event time, epoch millis UTC; null when the header carries no time Vigil can read
 * @param host the sending host as the header names it; null when it names none
 * @param program the tag's program ({@code sshd}); null without a tag
 * @param module what old Linux-PAM put in parentheses after the program ({@code pam_unix} of
 *               {@code sshd(pam_unix)[20882]:}); null when absent
 * @param pid the tag's process id; null when absent
 */
public record SyslogLine(
        String dialect,
        int severity,
        Long timestamp,
        String host,
        String program,
        String module,
        Long pid,
        String message) {}
