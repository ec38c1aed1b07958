package io.vigil.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.common.LogEvent;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/** Every line of the corpus (test resources, corpus/syslog.yml) yields its expected fields, or is rejected as it says. */
class SyslogCorpusTest {
    private static final Instant RECEIVED = Instant.parse("2026-11-26T10:05:00Z");
    private static final RecordParser PARSER = new RecordParser(1 << 20, ZoneOffset.UTC);

    static Stream<Arguments> corpus() throws Exception {
        try (InputStream in = SyslogCorpusTest.class.getResourceAsStream("/corpus/syslog.yml")) {
            List<Map<String, Object>> cases = new Yaml().load(in);
            return cases.stream().map(c -> Arguments.of(c.get("line"), c));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    @SuppressWarnings("unchecked")
    void lineYieldsItsFields(String line, Map<String, Object> c) throws Exception {
        Instant received =
                c.containsKey("received") ? Instant.parse(c.get("received").toString()) : RECEIVED;
        RawRecord record =
                new RawRecord("threat-logs", 0, 7, received.toEpochMilli(), line.getBytes(StandardCharsets.UTF_8));
        if (c.containsKey("rejected")) {
            assertThatThrownBy(() -> PARSER.parse(record, received.toEpochMilli()))
                    .isInstanceOf(RejectedRecordException.class)
                    .hasMessageContaining(c.get("rejected").toString());
            return;
        }
        LogEvent event = PARSER.parse(record, received.toEpochMilli());
        Map<String, Object> expect = (Map<String, Object>) c.get("expect");
        for (Map.Entry<String, Object> field : expect.entrySet()) {
            Object actual = event.field(field.getKey());
            if (field.getKey().equals("timestamp")) {
                actual = Instant.ofEpochMilli(event.timestamp).toString();
            }
            assertThat(String.valueOf(actual)).as(field.getKey()).isEqualTo(String.valueOf(field.getValue()));
        }
        for (String absent : (List<String>) c.getOrDefault("absent", List.of())) {
            assertThat(event.field(absent)).as(absent).isNull();
        }
        assertThat(event.kind).isEqualTo("event");
    }
}
