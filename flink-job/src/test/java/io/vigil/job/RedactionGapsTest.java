package io.vigil.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.common.DeadLetter;
import io.vigil.common.LogEvent;
import io.vigil.job.protect.KeysSource;
import io.vigil.job.protect.ProtectionConfig;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * Where redaction used to stop short: argv lists, binary dead letters and the reasons of bad JSON.
 * Through the real ParseRecords operator (a Flink test harness) with the built-in secret patterns.
 */
class RedactionGapsTest {
    private static final long PRODUCED = 1_795_600_000_000L;
    private static final String SECRET = "Sup3rS3cretQ7";

    private static RawRecord record(byte[] value, long offset) {
        return new RawRecord("threat-logs", 0, offset, PRODUCED, value);
    }

    private record Out(List<LogEvent> events, List<DeadLetter> deadLetters) {}

    private static Out parse(RawRecord... records) throws Exception {
        ParseRecords parse = new ParseRecords(
                1 << 20,
                ZoneOffset.UTC,
                ProtectionConfig.load(Path.of("../rules/protection.yml")).patterns(),
                KeysSource.of(null));
        try (OneInputStreamOperatorTestHarness<RawRecord, LogEvent> harness =
                new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(parse))) {
            harness.open();
            for (RawRecord r : records) {
                harness.processElement(new StreamRecord<>(r, PRODUCED));
            }
            List<LogEvent> events = harness.extractOutputValues();
            var side = harness.getSideOutput(DeadLetters.TAG); // null when there was none
            List<DeadLetter> letters = side == null
                    ? List.of()
                    : side.stream().map(StreamRecord::getValue).toList();
            return new Out(events, letters);
        }
    }

    @Test
    void secretsInsideAnArgvListAreRedactedElementByElement() throws Exception {
        String json = "{\"timestamp\":" + PRODUCED + ",\"host\":\"db-01\",\"message\":\"exec\","
                + "\"process\":{\"args\":[\"mysql\",\"-u\",\"root\",\"--password=" + SECRET + "\"]},"
                + "\"auditd\":{\"args\":[\"curl\",\"-H\",\"Authorization: Bearer " + SECRET + "abc\"]}}";
        LogEvent event =
                parse(record(json.getBytes(StandardCharsets.UTF_8), 1)).events().get(0);
        @SuppressWarnings("unchecked")
        List<Object> args = (List<Object>) event.fields.get("process.args");
        assertThat(args).hasSize(4);
        assertThat(args.subList(0, 3)).containsExactly((Object) "mysql", "-u", "root");
        assertThat((String) args.get(3)).startsWith("--password=[REDACTED:");
        assertThat(event.fields.toString()).doesNotContain(SECRET);
    }

    @Test
    void aBinaryDeadLetterIsScannedAndKeepsItsOtherBytes() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(new byte[] {(byte) 0xff, (byte) 0xfe, 0x00});
        bytes.write(("login password=" + SECRET + " ok").getBytes(StandardCharsets.US_ASCII));
        bytes.write(new byte[] {(byte) 0xc3});
        DeadLetter letter = parse(record(bytes.toByteArray(), 2)).deadLetters().get(0);
        assertThat(letter.rawEncoding).isEqualTo("base64");
        byte[] raw = Base64.getDecoder().decode(letter.raw);
        String asLatin1 = new String(raw, StandardCharsets.ISO_8859_1);
        assertThat(asLatin1).doesNotContain(SECRET).contains("password=[REDACTED:credential");
        assertThat(raw[0]).isEqualTo((byte) 0xff);
        assertThat(raw[raw.length - 1]).isEqualTo((byte) 0xc3);
    }

    @Test
    void theReasonOfBadJsonQuotesNoneOfTheRecord() throws Exception {
        Out out = parse(
                record("{\"host\":\"web-01\",\"note\":zQ9unquotedWord}".getBytes(StandardCharsets.UTF_8), 3),
                record(("{\"host\":\"web-01\",\"password\":\"" + SECRET + "\"").getBytes(StandardCharsets.UTF_8), 4));
        assertThat(out.deadLetters()).hasSize(2);
        DeadLetter token = out.deadLetters().get(0);
        assertThat(token.reason)
                .startsWith("invalid JSON: Unrecognized token")
                .contains("line 1")
                .doesNotContain("zQ9unquotedWord");
        DeadLetter truncated = out.deadLetters().get(1);
        assertThat(truncated.reason)
                .startsWith("invalid JSON: Unexpected end-of-input")
                .doesNotContain(SECRET, "web-01");
        assertThat(truncated.raw).doesNotContain(SECRET);
    }
}
