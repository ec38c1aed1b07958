package io.vigil.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.common.DeadLetter;
import io.vigil.common.LogEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecordParserTest {
    private static final long PRODUCED = Instant.parse("2026-11-26T10:00:05Z").toEpochMilli();
    private static final long NOW = PRODUCED + 100;
    private final RecordParser parser = new RecordParser(1024 * 1024, java.time.ZoneOffset.UTC);

    private static RawRecord record(String value) {
        return new RawRecord("system-metrics", 0, 42, PRODUCED, value.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parsesTheContractMetricSample() throws Exception {
        LogEvent e = parser.parse(
                record("{\"timestamp\":\"2026-11-26T10:00:00Z\",\"host\":\"web-01\",\"cpu_usage\":93.5,"
                        + "\"memory_usage\":{\"used\":7516192768,\"total\":8589934592,\"percentage\":87.5},"
                        + "\"network\":{\"in_bytes_per_sec\":120000,\"out_bytes_per_sec\":5400000}}"),
                NOW);
        assertThat(e.id).isEqualTo("system-metrics-0-42");
        assertThat(e.timestamp).isEqualTo(Instant.parse("2026-11-26T10:00:00Z").toEpochMilli());
        assertThat(e.host).isEqualTo("web-01");
        assertThat(e.kind).isEqualTo("metric");
        assertThat(e.cpuUsage).isEqualTo(93.5);
        assertThat(e.memoryUsed).isEqualTo(7516192768L);
        assertThat(e.memoryPercentage).isEqualTo(87.5);
        assertThat(e.networkOut).isEqualTo(5400000.0);
        assertThat(e.severity).isEqualTo("LOW");
        assertThat(e.message).isEqualTo("cpu 93.5%, memory 87.5%, network in 120000 B/s out 5400000 B/s");
    }

    @Test
    void derivesMemoryPercentageAndReadsEpochSecondsAndOffsets() throws Exception {
        LogEvent e = parser.parse(
                record("{\"timestamp\":1795600000,\"host\":\"db-1\"," + "\"memory_usage\":{\"used\":1,\"total\":4}}"),
                NOW);
        assertThat(e.memoryPercentage).isEqualTo(25.0);
        assertThat(e.timestamp).isEqualTo(1_795_600_000_000L);
        LogEvent offset = parser.parse(
                record("{\"timestamp\":\"2026-11-26T11:00:00+01:00\",\"host\":\"a\",\"cpu_usage\":1}"), NOW);
        assertThat(offset.timestamp)
                .isEqualTo(Instant.parse("2026-11-26T10:00:00Z").toEpochMilli());
    }

    @Test
    void keepsEcsFieldsNestedOrDottedAndUnknownFieldsAsExtra() throws Exception {
        LogEvent e = parser.parse(
                record("{\"timestamp\":\"2026-11-26T10:00:00Z\",\"host\":\"web-01\","
                        + "\"message\":\"Failed password\",\"user\":{\"name\":\"root\"},\"source.ip\":\"203.0.113.9\","
                        + "\"event\":{\"outcome\":\"failure\"},\"custom\":{\"a\":1}}"),
                NOW);
        assertThat(e.kind).isEqualTo("event");
        assertThat(e.fields)
                .containsEntry("user.name", "root")
                .containsEntry("source.ip", "203.0.113.9")
                .containsEntry("event.outcome", "failure");
        assertThat(e.fields.get("extra")).isEqualTo("{\"custom\":{\"a\":1}}");
        String doc = new String(DocumentWriter.logDocument(e), StandardCharsets.UTF_8);
        assertThat(doc)
                .contains(
                        "\"user\":{\"name\":\"root\"}",
                        "\"extra\":{\"custom\":{\"a\":1}}",
                        "\"source\":{\"address\":\"203.0.113.9\",\"ip\":\"203.0.113.9\"}",
                        "\"timestamp\":\"2026-11-26T10:00:00Z\"");
    }

    @Test
    void keepsTheProcessFileAndWebFieldsOfEcsEvents() throws Exception {
        LogEvent e = parser.parse(
                record("{\"@timestamp\":\"2026-11-26T10:00:00Z\",\"host\":{\"name\":\"web-01\"},"
                        + "\"process\":{\"executable\":\"/usr/bin/curl\",\"args\":[\"curl\",\"-s\"],"
                        + "\"parent\":{\"executable\":\"/usr/bin/bash\",\"command_line\":\"bash -i\",\"pid\":7}},"
                        + "\"file\":{\"path\":\"/etc/cron.d/x\"},\"http\":{\"request\":{\"method\":\"PUT\"},\"response\":{\"status_code\":201}},"
                        + "\"url\":{\"path\":\"/dav\",\"query\":\"a=1\"},\"user_agent\":{\"original\":\"WebDAV\"}}"),
                NOW);
        assertThat(e.fields)
                .containsEntry("process.executable", "/usr/bin/curl")
                .containsEntry("process.args", java.util.List.of("curl", "-s"))
                .containsEntry("process.parent.executable", "/usr/bin/bash")
                .containsEntry("process.parent.command_line", "bash -i")
                .containsEntry("file.path", "/etc/cron.d/x")
                .containsEntry("http.request.method", "PUT")
                .containsEntry("http.response.status_code", 201L)
                .containsEntry("url.path", "/dav")
                .containsEntry("url.query", "a=1")
                .containsEntry("user_agent.original", "WebDAV");
        // not an indexed field: kept as sent, out of the mapping's way
        assertThat(e.fields.get("extra")).isEqualTo("{\"process.parent.pid\":7}");
    }

    @Test
    void anEventsNetworkObjectIsEcsNotAMetricSample() throws Exception {
        LogEvent e = parser.parse(
                record("{\"host\":\"fw-01\",\"message\":\"conn\",\"network\":{\"transport\":\"tcp\",\"vlan\":7},"
                        + "\"source\":{\"ip\":\"10.0.0.1\"}}"),
                PRODUCED);

        assertThat(e.kind).isEqualTo("event");
        assertThat(e.fields).containsEntry("network.transport", "tcp").containsEntry("source.ip", "10.0.0.1");
        assertThat((String) e.fields.get("extra")).contains("\"network.vlan\":7");
        assertThat(e.networkIn).isNull();

        LogEvent sample = parser.parse(
                record("{\"host\":\"fw-01\",\"network\":{\"in_bytes_per_sec\":5,\"transport\":\"udp\"}}"), PRODUCED);
        assertThat(sample.kind).isEqualTo("metric");
        assertThat(sample.networkIn).isEqualTo(5.0);
        assertThat(sample.fields).containsEntry("network.transport", "udp").doesNotContainKey("extra");
    }

    @Test
    void keepsTextThatIsNotJson() throws Exception {
        LogEvent e = parser.parse(record("something happened: kernel"), NOW);
        assertThat(e.message).isEqualTo("something happened: kernel");
        assertThat(e.timestamp).isEqualTo(PRODUCED);
        // A line opening with '[' is as likely "[ERROR] ..." as a JSON array: kept as text.
        assertThat(parser.parse(record("[ERROR] disk full"), NOW).message).isEqualTo("[ERROR] disk full");
    }

    @Test
    void rejectsBadInputWithItsReason() {
        assertRejected("{\"host\":", "invalid JSON");
        assertRejected("{\"host\":\"a\",\"cpu_usage\":\"high\"}", "cpu_usage must be a number");
        assertRejected("{\"host\":\"a\",\"cpu_usage\":-3}", "cpu_usage must be a number");
        assertRejected("{\"host\":\"a\",\"cpu_usage\":130}", "cpu_usage must be a number");
        assertRejected("{\"host\":\"a\",\"memory_usage\":{\"percentage\":101}}", "memory_usage.percentage");
        assertRejected(
                "{\"timestamp\":\"3000-01-01T00:00:00Z\",\"host\":\"a\",\"cpu_usage\":1}", "timestamp out of range");
        assertRejected(
                "{\"timestamp\":\"1970-01-01T00:00:00Z\",\"host\":\"a\",\"cpu_usage\":1}", "timestamp out of range");
        assertRejected("{\"timestamp\":\"yesterday\",\"host\":\"a\",\"cpu_usage\":1}", "unparseable timestamp");
        // A year java.time reads but epoch millis cannot hold: a reason, not an ArithmeticException.
        assertRejected(
                "{\"timestamp\":\"+999999999-12-31T23:59:59Z\",\"host\":\"a\",\"cpu_usage\":1}",
                "unparseable timestamp");
        assertRejected("{\"cpu_usage\":1}", "missing or non-text field host");
        assertRejected("{\"a\":1} trailing", "invalid JSON");
        assertThatThrownBy(() ->
                        parser.parse(new RawRecord("t", 0, 1, PRODUCED, new byte[] {(byte) 0xff, (byte) 0xfe}), NOW))
                .hasMessage("not valid UTF-8");
        assertThatThrownBy(() ->
                        new RecordParser(10, java.time.ZoneOffset.UTC).parse(record("{\"host\":\"abcdefgh\"}"), NOW))
                .hasMessageContaining("over the limit of 10 bytes");
    }

    private void assertRejected(String json, String reason) {
        assertThatThrownBy(() -> parser.parse(record(json), NOW))
                .isInstanceOf(RejectedRecordException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void deadLettersKeepRawBytesBase64WhenNotText() {
        DeadLetter text = record("{oops").deadLetter(DeadLetter.Stage.PARSE, "invalid JSON", NOW);
        assertThat(text.raw).isEqualTo("{oops");
        assertThat(text.rawEncoding).isEqualTo("utf-8");
        DeadLetter binary = new RawRecord("t", 1, 2, PRODUCED, new byte[] {(byte) 0xff})
                .deadLetter(DeadLetter.Stage.PARSE, "x", NOW);
        assertThat(binary.raw).isEqualTo("/w==");
        assertThat(binary.rawEncoding).isEqualTo("base64");
        assertThat(binary.id).isEqualTo("t-1-2");
    }
}
