package io.vigil.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.common.LogEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * Record text chosen by an attacker, one defect at a time (issue 16): each record becomes an
 * event or a {@link RejectedRecordException} with a reason, never an unchecked exception that
 * would fail the job.
 */
class HostileRecordsTest {
    /** Kafka received the records at this time; the audit records below are from a minute before. */
    private static final long RECEIVED = Instant.parse("2023-11-14T22:14:20Z").toEpochMilli();

    private static final String AUDIT_TIME = "1700000000.000:1";
    private final RecordParser parser = new RecordParser(1 << 20, ZoneOffset.UTC);

    private LogEvent parse(String text) throws RejectedRecordException {
        return parser.parse(
                new RawRecord("threat-logs", 0, 1, RECEIVED, text.getBytes(StandardCharsets.UTF_8)), RECEIVED);
    }

    @Test
    void anEmptyAuditPidIsNoPidInsteadOfAJobRestartLoop() throws Exception {
        // The line of issue 16 that looped the whole job in RESTARTING.
        LogEvent event = parse("type=SYSCALL msg=audit(" + AUDIT_TIME + "): pid= uid=0");
        assertThat(event.fields).containsEntry("auditd.type", "SYSCALL").doesNotContainKey("process.pid");
        assertThat(event.timestamp).isEqualTo(1_700_000_000_000L);
    }

    @Test
    void auditPidsInOtherScriptsOrOverlongAreNoPid() throws Exception {
        assertThat(parse("type=SYSCALL msg=audit(" + AUDIT_TIME + "): pid=\u0661\u0662\u0663 uid=0").fields)
                .doesNotContainKey("process.pid");
        assertThat(parse("type=SYSCALL msg=audit(" + AUDIT_TIME + "): pid=99999999999999999999999 uid=0").fields)
                .doesNotContainKey("process.pid");
        assertThat(parse("type=SYSCALL msg=audit(" + AUDIT_TIME + "): pid=-4 uid=0").fields)
                .doesNotContainKey("process.pid");
        assertThat(parse("type=SYSCALL msg=audit(" + AUDIT_TIME + "): pid=4242 uid=0").fields)
                .containsEntry("process.pid", 4242L);
    }

    @Test
    void anAuditHeaderTimeBeyondAnyClockIsRejectedWithItsReason() {
        assertThatThrownBy(() -> parse("type=SYSCALL msg=audit(99999999999999999999999.000:1): pid=1"))
                .isInstanceOf(RejectedRecordException.class)
                .hasMessageContaining("timestamp out of range");
        // fits a long, but not once in milliseconds
        assertThatThrownBy(() -> parse("type=SYSCALL msg=audit(9223372036854775.000:1): pid=1"))
                .isInstanceOf(RejectedRecordException.class)
                .hasMessageContaining("timestamp out of range");
    }

    @Test
    void auditArgumentIndexesBeyondAnIntAreIgnored() throws Exception {
        LogEvent event =
                parse("type=EXECVE msg=audit(" + AUDIT_TIME + "): argc=2 a0=\"ls\" a99999999999=\"x\" a1=\"-l\"");
        assertThat(event.fields.get("process.args")).isEqualTo(java.util.List.of("ls", "-l"));
    }

    @Test
    void fullwidthDigitsAreTextNotHex() throws Exception {
        // Character.digit accepts U+FF10..; HexFormat does not: the value is text as written.
        LogEvent event = parse("type=EXECVE msg=audit(" + AUDIT_TIME + "): argc=1 a0=\uFF10\uFF11");
        assertThat(event.fields.get("process.args")).isEqualTo(java.util.List.of("\uFF10\uFF11"));
    }

    @Test
    void jsonNested10000DeepIsRejectedNotAStackOverflow() {
        String deep = "{\"host\":\"h\",\"x\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        assertThatThrownBy(() -> parse(deep))
                .isInstanceOf(RejectedRecordException.class)
                .hasMessageContaining("invalid JSON")
                .hasMessageContaining("nesting depth");
    }

    @Test
    void jsonWith100000KeysIsOneEventWithThemKeptAsExtra() throws Exception {
        StringBuilder json = new StringBuilder("{\"host\":\"h\",\"message\":\"many\"");
        for (int i = 0; i < 100_000; i++) {
            json.append(",\"").append(Integer.toString(i, 36)).append("\":1");
        }
        LogEvent event = parse(json.append('}').toString());
        assertThat(event.message).isEqualTo("many");
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree((String) event.fields.get("extra"))
                        .size())
                .isEqualTo(100_000);
    }

    @Test
    void numbersBeyondALongOrADoubleAreKeptAsTextNotWrappedOrInfinite() throws Exception {
        LogEvent event = parse("{\"host\":\"h\",\"process.pid\":123456789012345678901234567890,\"source.port\":1e400,"
                + "\"destination.port\":[1e400,7]}");
        assertThat(event.fields)
                .containsEntry("process.pid", "123456789012345678901234567890")
                .containsEntry("source.port", "Infinity")
                .containsEntry("destination.port", java.util.List.of("Infinity", 7L));
        String doc = new String(DocumentWriter.logDocument(event), StandardCharsets.UTF_8);
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(doc)
                        .at("/source/port")
                        .asText())
                .isEqualTo("Infinity");
    }

    @Test
    void aTimestampBeyondALongIsOutOfRangeNotWrappedIntoOne() {
        // 2^64 + 1700000000000: a wrapping conversion reads it as 2023-11-14, a valid time
        assertThatThrownBy(() -> parse("{\"host\":\"h\",\"timestamp\":18446745773709551616}"))
                .isInstanceOf(RejectedRecordException.class)
                .hasMessageContaining("timestamp out of range");
    }

    @Test
    void metricNumbersBeyondWhatAHostCanHaveAreRejected() {
        assertThatThrownBy(
                        () -> parse(
                                "{\"host\":\"h\",\"memory_usage\":{\"used\":18446744073709551617,\"total\":18446744073709551618}}"))
                .isInstanceOf(RejectedRecordException.class)
                .hasMessageContaining("memory_usage.used");
        // summed over a minute, such rates would overflow the rollups to infinity
        assertThatThrownBy(() -> parse("{\"host\":\"h\",\"network\":{\"in_bytes_per_sec\":1e308}}"))
                .isInstanceOf(RejectedRecordException.class)
                .hasMessageContaining("network.in_bytes_per_sec");
    }

    @Test
    void hostNamesAreCutAt255BytesTheLimitOfDns() throws Exception {
        LogEvent json = parse("{\"host\":\"" + "a".repeat(100_000) + "\",\"message\":\"m\"}");
        assertThat(json.host).hasSize(255);
        LogEvent wide = parse("{\"host\":\"" + "\u00e9".repeat(200) + "\",\"message\":\"m\"}");
        assertThat(wide.host.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
        assertThat(wide.host).hasSize(127);
    }

    @Test
    void anAuditBodyOfWordsWithoutEqualsIsReadInOnePass() throws Exception {
        // Searching for '=' again from every word made this quadratic: 15 s per MiB, minutes for
        // this one. Linear it is ~0.1 s; the timeout only keeps a regression from hanging the build.
        String body = "x ".repeat(2_000_000) + "pid=7";
        RecordParser big = new RecordParser(8 << 20, ZoneOffset.UTC);
        LogEvent event = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(30),
                () -> big.parse(
                        new RawRecord(
                                "threat-logs",
                                0,
                                1,
                                RECEIVED,
                                ("type=SYSCALL msg=audit(" + AUDIT_TIME + "): " + body)
                                        .getBytes(StandardCharsets.UTF_8)),
                        RECEIVED));
        assertThat(event.fields).containsEntry("process.pid", 7L);
        LogEvent quoted = parse("type=SYSCALL msg=audit(" + AUDIT_TIME + "): " + "a=\"x\"".repeat(100_000) + " pid=8");
        assertThat(quoted.fields).containsEntry("process.pid", 8L);
    }

    @Test
    void aPaddedSecurityMessageIsReadFromItsHead() throws Exception {
        // sudo's pattern is quadratic in the text (most of an hour for 1 MiB of "USER="): only the head is read
        String line = "Nov 14 22:13:10 web-01 sudo: alice : TTY=pts/0 ; PWD=/ ; USER=root ; COMMAND=/bin/ls "
                + "USER=".repeat(200_000);
        LogEvent event = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(30), () -> parse(line));
        assertThat(event.fields).containsEntry("user.name", "alice").containsEntry("user.target.name", "root");
        assertThat((String) event.fields.get("process.command_line"))
                .startsWith("/bin/ls USER=")
                .hasSizeLessThan(RecordParser.MAX_GROK_CHARS);
        assertThat(event.message).hasSize(line.length() - "Nov 14 22:13:10 web-01 sudo: ".length());
    }

    @Test
    void aLineTheSecurityPatternsFailOnIsStoredWithoutTheirFields() throws Exception {
        // java.util.regex recurses per repetition of grok's HOSTNAME and can overflow the stack here
        String line = "a.".repeat(2_000) + " - - [14/Nov/2023:22:13:10 +0000] \"GET / HTTP/1.1\" 200 1";
        RawRecord record = new RawRecord("threat-logs", 0, 1, RECEIVED, line.getBytes(StandardCharsets.UTF_8));
        LogEvent event = parser.parseOrReject(record, RECEIVED);
        assertThat(event.message).isEqualTo(line);
        if (record.fieldsFailure != null) {
            assertThat(record.fieldsFailure)
                    .startsWith("security fields not read: unexpected")
                    .endsWith("(stored without them)");
        }
    }
}
