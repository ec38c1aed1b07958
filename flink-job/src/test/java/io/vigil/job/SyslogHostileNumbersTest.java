package io.vigil.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.common.Fields;
import io.vigil.common.LogEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Numbers in syslog headers are written by whoever can log (issue 16): every one of these once
 * threw out of the parser (NumberFormatException from an overlong PRI, from seconds written with
 * a comma) or could. Each line must become an event that keeps what the header said, or is kept
 * as plain text on Kafka's clock and says so; never an exception.
 */
class SyslogHostileNumbersTest {
    private static final Instant RECEIVED = Instant.parse("2026-11-26T10:05:00Z");
    private static final RecordParser PARSER = new RecordParser(1 << 20, ZoneOffset.UTC);

    private static LogEvent parse(String line) throws RejectedRecordException {
        return PARSER.parse(
                new RawRecord("threat-logs", 0, 1, RECEIVED.toEpochMilli(), line.getBytes(StandardCharsets.UTF_8)),
                RECEIVED.toEpochMilli());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "<9999999999>Nov 26 10:00:01 web-01 sshd[1]: Failed password for root from 203.0.113.9 port 1 ssh2",
                "<99999999999999999999999>Nov 26 10:00:01 web-01 sshd[1]: x",
                "<192>Nov 26 10:00:01 web-01 sshd[1]: x",
                "<>Nov 26 10:00:01 web-01 sshd[1]: x",
                "<-1>Nov 26 10:00:01 web-01 sshd[1]: x",
                "<١٣>Nov 26 10:00:01 web-01 sshd[1]: x",
                "Nov 26 10:00:01,123 web-01 sshd[1]: x",
                "Nov 26 10:00:01,9999999999999 web-01 sshd[1]: x",
                "Nov 26 10:00:01.99999999999999999999 web-01 sshd[1]: x",
                "Nov 99 10:00:01 web-01 sshd[1]: x",
                "Nov 00 10:00:01 web-01 sshd[1]: x",
                "Nov 999999999999 10:00:01 web-01 sshd[1]: x",
                "Nov ٢٦ 10:00:01 web-01 sshd[1]: x",
                "Nov 26 ١٠:٠٠:٠١ web-01 sshd[1]: x",
                "Nov 26 99:99:99 web-01 sshd[1]: x",
                "Nov 26 10:00:60 web-01 sshd[1]: x",
                "Nov 26 10:00: web-01 sshd[1]: x",
                "Nov 26 ::: web-01 sshd[1]: x",
                "Feb 29 10:00:01 web-01 sshd[1]: x",
                "Feb 30 10:00:01 web-01 sshd[1]: x",
                "Nov 26 10:00:01 web-01 sshd[]: x",
                "Nov 26 10:00:01 web-01 sshd[99999999999999999999]: x",
                "Nov 26 10:00:01 web-01 sshd[١٢٣]: x",
                "Nov 26 10:00:01 web-01 sshd[-5]: x",
                "<13>1 2026-11-26T10:00:01Z web-01 sshd 99999999999999999999 - - x",
                "<13>1 2026-11-26T10:00:01,5Z web-01 sshd 1 - - x",
                "<13>1 2026-13-45T25:61:61Z web-01 sshd 1 - - x",
                "<13>1 2026-11-26T10:00:01+99:99 web-01 sshd 1 - - x",
                "<13>1 99999-11-26T10:00:01Z web-01 sshd 1 - - x",
                "<13>1 - - - - - [unclosed x=\"]",
                "<13>1",
                "<13>",
                "2026-11-26T10:00:01.1234567890123Z web-01 sshd[1]: x",
                "2026-11-26 10:00:01,5+0100 web-01 sshd[1]: x",
                "date=2026-11-26 time=99:99:99 devname=\"fw\" tz=\"+9999\"",
                "date= time= devname=",
                "Thu Nov 26 10:00:01 99999 daemon.info x: y",
                "<189>99999999999999999999: *Nov 26 10:00:01.123 UTC: %SYS-5-CONFIG_I: x",
            })
    void aHostileNumberNeverThrowsAndNeverPassesSilently(String line) throws RejectedRecordException {
        LogEvent event = parse(line);
        assertThat(event.host).isNotNull();
        assertThat(event.message).isNotNull();
        if (event.timestamp == RECEIVED.toEpochMilli()) {
            assertThat(event.fields).containsEntry(Fields.TIMESTAMP_SOURCE, Fields.TIMESTAMP_RECEIVED);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "<9999999999>Nov 26 10:00:01 web-01 sshd[1]: Failed password for root from 203.0.113.9 port 1 ssh2",
                "Nov 26 10:00:01,250 web-01 sshd[1]: Failed password for root from 203.0.113.9 port 1 ssh2",
            })
    void anOverlongPriOrCommaSecondsStillKeepHostTimeAndMessage(String line) throws RejectedRecordException {
        LogEvent event = parse(line);
        assertThat(event.host).isEqualTo("web-01");
        assertThat(Instant.ofEpochMilli(event.timestamp).toString()).startsWith("2026-11-26T10:00:01");
        assertThat(event.fields).containsEntry("source.ip", "203.0.113.9").containsEntry("event.action", "ssh_login");
        assertThat(event.severity).isEqualTo("LOW");
    }
}
