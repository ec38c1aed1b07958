package io.vigil.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.common.DeadLetter;
import io.vigil.common.LogEvent;
import io.vigil.common.protect.FieldKeys;
import io.vigil.job.enrich.EnrichEvents;
import io.vigil.job.protect.EncryptFields;
import io.vigil.job.protect.KeysSource;
import io.vigil.job.protect.ProtectionConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every stage that touches record content turns what it fails on into a dead letter naming the
 * stage, and goes on (issue 16). The failures here are the kind a defect throws: an unchecked
 * exception out of the parser, an event whose field map cannot be changed.
 */
class StageFailuresTest {
    private static final long RECEIVED = 1_795_687_200_000L;
    private static final String SSH_LINE =
            "Nov 26 10:00:01 bastion-01 sshd[1234]: Failed password for root from 203.0.113.9 port 51234 ssh2";

    @TempDir
    Path dir;

    private static RawRecord record(long offset, String text) {
        return new RawRecord("threat-logs", 1, offset, RECEIVED, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A parser with the defect of issue 16 for lines that say so, and a working one otherwise. */
    private static final class DefectiveParser extends RecordParser {
        DefectiveParser() {
            super(1 << 20, ZoneOffset.UTC);
        }

        @Override
        public LogEvent parse(RawRecord record, long now) throws RejectedRecordException {
            String text = new String(record.value, StandardCharsets.UTF_8);
            if (text.startsWith("boom")) {
                Long.parseLong(""); // what the audit parser threw on "pid="
            }
            if (text.startsWith("deep")) {
                throw new StackOverflowError();
            }
            LogEvent event = super.parse(record, now);
            if (text.contains("frozen")) {
                event.fields = Map.copyOf(event.fields); // redaction cannot change it
            }
            return event;
        }
    }

    @Test
    void anUnexpectedParserExceptionIsARejectionThatNamesItAndWhereItWasThrown() {
        RecordParser parser = new DefectiveParser();
        var rejected = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> parser.parseOrReject(record(1, "boom"), RECEIVED), RejectedRecordException.class);
        assertThat(rejected.isUnexpected()).isTrue();
        assertThat(rejected.getMessage())
                .startsWith("unexpected NumberFormatException: For input string: \"\"")
                .contains("at StageFailuresTest$DefectiveParser.parse:");
        var overflow = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> parser.parseOrReject(record(2, "deep"), RECEIVED), RejectedRecordException.class);
        assertThat(overflow.getMessage()).startsWith("unexpected StackOverflowError");
    }

    @Test
    void parseAndRedactFailuresAreDeadLettersAndTheNextRecordIsParsed() throws Exception {
        ParseRecords parse =
                new ParseRecords(
                        1 << 20, ZoneOffset.UTC, ProtectionConfig.builtIn().patterns(), KeysSource.of(null)) {
                    @Override
                    RecordParser newParser(int maxRecordBytes, ZoneId syslogZone) {
                        return new DefectiveParser();
                    }
                };
        try (OneInputStreamOperatorTestHarness<RawRecord, LogEvent> harness =
                ProcessFunctionTestHarnesses.forProcessFunction(parse)) {
            harness.processElement(record(10, "boom password=hunter2"), RECEIVED);
            harness.processElement(record(11, SSH_LINE + " frozen password=hunter2"), RECEIVED);
            harness.processElement(record(12, SSH_LINE), RECEIVED);

            assertThat(harness.extractOutputValues()).extracting(e -> e.offset).containsExactly(12L);
            List<DeadLetter> letters = deadLetters(harness);
            assertThat(letters).extracting(l -> l.stage).containsExactly("parse", "redact");
            assertThat(letters.get(0).reason).startsWith("unexpected NumberFormatException");
            assertThat(letters.get(0).id).isEqualTo("threat-logs-1-10");
            // a dead letter's raw text is redacted like a document
            assertThat(letters.get(0).raw).isEqualTo("boom password=[REDACTED:credential]");
            assertThat(letters.get(1).reason).startsWith("unexpected UnsupportedOperationException");
            assertThat(letters.get(1).raw).doesNotContain("hunter2");
        }
    }

    @Test
    void anEventTheEncryptorFailsOnIsNotStoredAndItsDeadLetterHoldsNoClearValue() throws Exception {
        Path keys = dir.resolve("keys");
        FieldKeys.createIfAbsent(keys);
        EncryptFields encrypt = new EncryptFields(List.of("user.name"), KeysSource.of(keys.toString()));
        try (var harness = ProcessFunctionTestHarnesses.forProcessFunction(encrypt)) {
            LogEvent frozen = event(20, "web-01");
            frozen.fields = Map.of("user.name", "alice");
            harness.processElement(frozen, RECEIVED);
            LogEvent fine = event(21, "web-01");
            fine.fields.put("user.name", "bob");
            harness.processElement(fine, RECEIVED);

            assertThat(harness.extractOutputValues()).extracting(e -> e.offset).containsExactly(21L);
            DeadLetter letter = deadLetters(harness).get(0);
            assertThat(letter.stage).isEqualTo("encrypt");
            assertThat(letter.id).isEqualTo("threat-logs-1-20");
            assertThat(letter.raw).isEmpty();
            assertThat(letter.rawEncoding).isEqualTo(DeadLetter.WITHHELD);
        }
    }

    @Test
    void anEventEnrichmentFailsOnIsStoredWithoutItAndDeadLettered() throws Exception {
        Files.writeString(dir.resolve("assets.yml"), "assets:\n  - hosts: [\"web-*\"]\n    owner: web-team\n");
        EnrichEvents enrich = new EnrichEvents(dir.toString(), 60_000);
        try (var harness = ProcessFunctionTestHarnesses.forProcessFunction(enrich)) {
            LogEvent frozen = event(30, "web-01");
            frozen.fields = Map.of();
            harness.processElement(frozen, RECEIVED);
            LogEvent fine = event(31, "web-02");
            harness.processElement(fine, RECEIVED);

            assertThat(harness.extractOutputValues()).extracting(e -> e.offset).containsExactly(30L, 31L);
            assertThat(fine.fields).containsEntry("asset.owner", "web-team");
            DeadLetter letter = deadLetters(harness).get(0);
            assertThat(letter.stage).isEqualTo("enrich");
            assertThat(letter.reason).contains("UnsupportedOperationException", "stored without enrichment");
            assertThat(letter.raw).isEqualTo("Failed password for root");
            assertThat(letter.rawEncoding).isEqualTo(DeadLetter.MESSAGE);
        }
    }

    private static LogEvent event(long offset, String host) {
        LogEvent event = new LogEvent();
        event.id = "threat-logs-1-" + offset;
        event.topic = "threat-logs";
        event.partition = 1;
        event.offset = offset;
        event.timestamp = RECEIVED;
        event.host = host;
        event.kind = "event";
        event.severity = "LOW";
        event.message = "Failed password for root";
        return event;
    }

    private static <I, O> List<DeadLetter> deadLetters(OneInputStreamOperatorTestHarness<I, O> harness) {
        return harness.getSideOutput(DeadLetters.TAG).stream()
                .map(r -> r.getValue())
                .toList();
    }
}
