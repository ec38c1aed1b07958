package io.vigil.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.common.Fields;
import io.vigil.common.LogEvent;
import io.vigil.common.MetricSummary;
import io.vigil.detection.backtest.StoredEvents;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * A metric sample's own line is left out of its stored document ({@link MetricSummary}); whoever
 * reads the document back must see the message the job saw. For any metric sample, with or without
 * a message of its own: the API's reading ({@link MetricSummary#restore}) and the backtest's
 * ({@link StoredEvents}) give the event's message, to the letter.
 */
class StoredMetricMessageProperties {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long RECEIVED = 1_700_000_060_000L;

    private final RecordParser parser = new RecordParser(1 << 20, ZoneOffset.UTC);

    @Test
    void aSampleSentWithoutAMessageIsStoredWithoutOne() throws Exception {
        LogEvent e = parse("{\"host\":\"web-1\",\"cpu_usage\":93.5,\"memory_usage\":{\"percentage\":87.5},"
                + "\"network\":{\"in_bytes_per_sec\":120000,\"out_bytes_per_sec\":5400000}}");

        JsonNode stored = JSON.readTree(DocumentWriter.logDocument(e));

        assertThat(e.message).isEqualTo("cpu 93.5%, memory 87.5%, network in 120000 B/s out 5400000 B/s");
        assertThat(stored.has(Fields.MESSAGE)).isFalse();
        assertThat(readBack(stored)).isEqualTo(e.message);
    }

    @Test
    void aSampleWithAMessageOfItsOwnKeepsIt() throws Exception {
        LogEvent e = parse("{\"host\":\"web-1\",\"cpu_usage\":93.5,\"message\":\"fan failure\"}");

        JsonNode stored = JSON.readTree(DocumentWriter.logDocument(e));

        assertThat(stored.path(Fields.MESSAGE).asText()).isEqualTo("fan failure");
        assertThat(readBack(stored)).isEqualTo("fan failure");
    }

    @Test
    void anEventIsNeverAMetricRendering() throws Exception {
        LogEvent e = parse("{\"host\":\"web-1\",\"message\":\"\"}");

        assertThat(JSON.readTree(DocumentWriter.logDocument(e)).has(Fields.MESSAGE))
                .isTrue();
    }

    @Property
    void readersSeeTheMessageTheJobSaw(@ForAll("metricSamples") String record) throws Exception {
        LogEvent e = parse(record);
        JsonNode stored = JSON.readTree(DocumentWriter.logDocument(e));

        assertThat(readBack(stored)).isEqualTo(e.message);
        assertThat(StoredEvents.fromDocument(e.id, stored, null).message).isEqualTo(e.message);
    }

    @Provide
    Arbitrary<String> metricSamples() {
        Arbitrary<Double> percentage = Arbitraries.oneOf(
                Arbitraries.doubles().between(0, 100),
                Arbitraries.doubles().between(0, 100).ofScale(1),
                Arbitraries.of(0.0, 0.05, 0.95, 99.95, 100.0));
        Arbitrary<Double> rate = Arbitraries.oneOf(
                Arbitraries.doubles().between(0, 1e18),
                Arbitraries.longs().between(0, 10_000_000).map(Long::doubleValue),
                Arbitraries.of(0.5, 1.5, 2.5, 1e15 + 0.5));
        Arbitrary<String> message = Arbitraries.oneOf(
                Arbitraries.just((String) null),
                Arbitraries.strings().ofMaxLength(40),
                Arbitraries.of("", "cpu 50.0%", "cpu 50.0%, memory 40.0%"));
        return Combinators.combine(
                        percentage.injectNull(0.3),
                        percentage.injectNull(0.3),
                        rate.injectNull(0.3),
                        rate.injectNull(0.3),
                        message)
                .as((cpu, memory, in, out, text) -> {
                    ObjectNode root = JSON.createObjectNode().put("host", "web-1");
                    if (cpu != null) {
                        root.put(Fields.CPU_USAGE, cpu);
                    }
                    if (memory != null) {
                        root.putObject(Fields.MEMORY_USAGE).put(Fields.MEMORY_PERCENTAGE, memory);
                    }
                    if (in != null || out != null) {
                        ObjectNode network = root.putObject(Fields.NETWORK);
                        if (in != null) {
                            network.put(Fields.NET_IN, in);
                        }
                        if (out != null) {
                            network.put(Fields.NET_OUT, out);
                        }
                    }
                    if (cpu == null && memory == null && in == null && out == null) {
                        root.put(Fields.CPU_USAGE, 1.0); // a metric sample carries at least one number
                    }
                    if (text != null) {
                        root.put(Fields.MESSAGE, text);
                    }
                    return root.toString();
                });
    }

    private LogEvent parse(String json) throws Exception {
        LogEvent e = parser.parse(
                new RawRecord("system-metrics", 0, 7, RECEIVED, json.getBytes(StandardCharsets.UTF_8)), RECEIVED);
        assertThat(e.kind)
                .isEqualTo(
                        json.contains("cpu_usage") || json.contains("memory") || json.contains("network")
                                ? Fields.KIND_METRIC
                                : Fields.KIND_EVENT);
        return e;
    }

    /** What the API answers for the stored document's message. */
    private static String readBack(JsonNode stored) {
        Map<String, Object> document = JSON.convertValue(stored, new TypeReference<Map<String, Object>>() {});
        return (String) MetricSummary.restore(document).get(Fields.MESSAGE);
    }
}
