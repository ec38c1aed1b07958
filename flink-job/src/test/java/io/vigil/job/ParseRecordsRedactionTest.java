package io.vigil.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.common.LogEvent;
import io.vigil.job.protect.KeysSource;
import io.vigil.job.protect.ProtectionConfig;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** Redaction at parse covers every text an event holds. */
class ParseRecordsRedactionTest {
    @Test
    void secretsInArgumentListsAreRedactedLikeAnyText() throws Exception {
        ParseRecords parse = new ParseRecords(
                1 << 20, ZoneOffset.UTC, ProtectionConfig.builtIn().patterns(), KeysSource.of(null));
        String line =
                "type=EXECVE msg=audit(1795687200.000:9): argc=3 a0=\"mysql\" a1=\"--password=hunter2\" a2=\"db\"";
        try (var harness = ProcessFunctionTestHarnesses.forProcessFunction(parse)) {
            harness.processElement(
                    new RawRecord("threat-logs", 0, 1, 1_795_687_260_000L, line.getBytes(StandardCharsets.UTF_8)), 0);
            LogEvent event = harness.extractOutputValues().get(0);
            assertThat(event.fields.get("process.args"))
                    .isEqualTo(List.of("mysql", "--password=[REDACTED:credential]", "db"));
            assertThat(event.fields.get("auditd.args"))
                    .isEqualTo(List.of("mysql", "--password=[REDACTED:credential]", "db"));
            assertThat(event.fields.get("process.command_line")).isEqualTo("mysql --password=[REDACTED:credential] db");
        }
    }
}
