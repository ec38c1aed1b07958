package io.vigil.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.common.Fields;
import io.vigil.common.LogEvent;
import io.vigil.job.parse.LineFormat;
import io.vigil.job.parse.LineFormats;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A format added to the line formats reads its lines, and the first format that recognises a line wins. */
class LineFormatExtensionTest {
    private static final long RECEIVED = Instant.parse("2026-11-26T10:05:00Z").toEpochMilli();
    private static final String PIPE_LINE = "PIPE|web-07|1795600000|disk almost full";
    private static final String SYSLOG_LINE =
            "Nov 26 10:00:01 bastion-01 sshd[1234]: Failed password for root from 203.0.113.9 port 51234 ssh2";

    /** A test-only format: {@code PIPE|host|epoch seconds|message}. */
    static final class PipeFormat implements LineFormat {
        @Override
        public boolean read(String line, RawRecord record, LogEvent event) throws RejectedRecordException {
            if (!line.startsWith("PIPE|")) {
                return false;
            }
            String[] parts = line.split("\\|", 4);
            RecordParser.statedTime(event, Long.parseLong(parts[2]) * 1000, record);
            event.host = parts[1];
            event.severity = "LOW";
            event.message = parts[3];
            event.fields.put("event.dataset", "pipe");
            return true;
        }
    }

    /** A test-only format that claims every line mentioning sshd, as a greedy format would. */
    static final class SshdClaimer implements LineFormat {
        @Override
        public boolean read(String line, RawRecord record, LogEvent event) {
            if (!line.contains("sshd")) {
                return false;
            }
            RecordParser.receivedTime(event, record);
            event.host = "claimed";
            event.severity = "LOW";
            event.message = line;
            return true;
        }
    }

    private static RecordParser parser(int at, LineFormat extra) {
        List<LineFormat> formats = new ArrayList<>(LineFormats.defaults(ZoneOffset.UTC));
        formats.add(at, extra);
        return new RecordParser(1 << 20, formats);
    }

    private static LogEvent parse(RecordParser parser, String line) throws RejectedRecordException {
        return parser.parse(
                new RawRecord("threat-logs", 0, 7, RECEIVED, line.getBytes(StandardCharsets.UTF_8)), RECEIVED);
    }

    @Test
    void theDefaultFormatsKeepALineTheyDoNotKnowWhole() throws Exception {
        LogEvent event = parse(new RecordParser(1 << 20, ZoneOffset.UTC), PIPE_LINE);
        assertThat(event.message).isEqualTo(PIPE_LINE);
        assertThat(event.host).isEqualTo(RecordParser.UNKNOWN_HOST);
        assertThat(event.fields).containsEntry(Fields.TIMESTAMP_SOURCE, Fields.TIMESTAMP_RECEIVED);
    }

    @Test
    void anAddedFormatReadsTheLinesItRecognisesAndLeavesTheOthersToTheDefaults() throws Exception {
        RecordParser parser = parser(0, new PipeFormat());
        LogEvent pipe = parse(parser, PIPE_LINE);
        assertThat(pipe.kind).isEqualTo(Fields.KIND_EVENT);
        assertThat(pipe.host).isEqualTo("web-07");
        assertThat(pipe.timestamp).isEqualTo(1_795_600_000_000L);
        assertThat(pipe.message).isEqualTo("disk almost full");
        assertThat(pipe.fields).containsEntry("event.dataset", "pipe").doesNotContainKey(Fields.TIMESTAMP_SOURCE);
        assertThat(pipe.id).isEqualTo("threat-logs-0-7");

        LogEvent syslog = parse(parser, SYSLOG_LINE);
        assertThat(syslog.host).isEqualTo("bastion-01");
        assertThat(syslog.fields).containsEntry("user.name", "root");
    }

    @Test
    void anAddedFormatsRejectionIsTheRecordsDeadLetterReason() {
        RecordParser parser = parser(0, new PipeFormat());
        assertThatThrownBy(() -> parse(parser, "PIPE|web-07|1|too old"))
                .isInstanceOf(RejectedRecordException.class)
                .hasMessageStartingWith("timestamp out of range: 1970-01-01");
    }

    @Test
    void theFirstFormatThatRecognisesALineReadsIt() throws Exception {
        assertThat(parse(parser(0, new SshdClaimer()), SYSLOG_LINE).host).isEqualTo("claimed");
        LogEvent syslogFirst = parse(parser(1, new SshdClaimer()), SYSLOG_LINE);
        assertThat(syslogFirst.host).isEqualTo("bastion-01");
        assertThat(syslogFirst.fields).containsEntry("process.name", "sshd");
        // after the plain line, which takes every line, a format is never asked
        List<LineFormat> defaults = LineFormats.defaults(ZoneOffset.UTC);
        assertThat(parse(parser(defaults.size(), new SshdClaimer()), "sshd said something").host)
                .isEqualTo(RecordParser.UNKNOWN_HOST);
    }

    @Test
    void aTextRecordNoFormatTakesIsRejected() {
        RecordParser onlyPipe = new RecordParser(1 << 20, List.of(new PipeFormat()));
        assertThatThrownBy(() -> parse(onlyPipe, "plain words"))
                .isInstanceOf(RejectedRecordException.class)
                .hasMessage("no line format reads the record");
    }
}
