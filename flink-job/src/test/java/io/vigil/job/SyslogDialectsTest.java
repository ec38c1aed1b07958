package io.vigil.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.common.Fields;
import io.vigil.common.LogEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Real captures of every syslog dialect Vigil reads (test resources corpus/dialects, sources in
 * the README there): each line yields the host, time, program and ECS fields its expectation
 * file lists, and on every corpus at least 99 % of the lines keep the host and the time their
 * header gives (a line whose header names no host, listed under {@code hostless} in corpora.yml,
 * keeps its host by being {@code unknown}). The rest say so: {@code event.timestamp_source:
 * received} when the time is Kafka's.
 *
 * <p>Each run writes what the parser produced to {@code target/corpus-actual/NAME.expected.jsonl}:
 * after a deliberate parser change, review the difference and copy the file over the expectation.
 */
class SyslogDialectsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RecordParser PARSER = new RecordParser(1 << 20, ZoneOffset.UTC);
    private static final Path ACTUAL = Path.of("target", "corpus-actual");

    record Corpus(String name, Instant received, List<String> lines, Set<Integer> hostless) {}

    static List<Corpus> corpora() throws IOException {
        List<Corpus> corpora = new ArrayList<>();
        try (InputStream in = resource("corpora.yml")) {
            List<Map<String, Object>> index = new Yaml().load(in);
            for (Map<String, Object> entry : index) {
                String name = entry.get("name").toString();
                try (InputStream log = resource(name + ".log")) {
                    List<String> lines = new String(log.readAllBytes(), StandardCharsets.UTF_8)
                            .lines()
                            .toList();
                    @SuppressWarnings("unchecked")
                    List<Integer> hostless = (List<Integer>) entry.getOrDefault("hostless", List.of());
                    corpora.add(new Corpus(
                            name, Instant.parse(entry.get("received").toString()), lines, Set.copyOf(hostless)));
                }
            }
        }
        return corpora;
    }

    private static InputStream resource(String name) {
        InputStream in = SyslogDialectsTest.class.getResourceAsStream("/corpus/dialects/" + name);
        if (in == null) {
            throw new IllegalStateException("missing corpus file " + name);
        }
        return in;
    }

    /** What the parser made of a line, in the form the expectation files hold. */
    static ObjectNode outcome(Corpus corpus, int index) {
        String line = corpus.lines().get(index);
        RawRecord record = new RawRecord(
                "threat-logs", 0, index, corpus.received().toEpochMilli(), line.getBytes(StandardCharsets.UTF_8));
        ObjectNode out = JSON.createObjectNode();
        out.put("line", index + 1);
        try {
            LogEvent event = PARSER.parse(record, corpus.received().toEpochMilli());
            out.put("timestamp", Instant.ofEpochMilli(event.timestamp).toString());
            out.put("host", event.host);
            out.put("severity", event.severity);
            ObjectNode fields = out.putObject("fields");
            new TreeMap<>(event.fields).forEach((k, v) -> fields.set(k, JSON.valueToTree(v)));
        } catch (RejectedRecordException e) {
            out.put("rejected", e.getMessage());
        }
        return out;
    }

    static Stream<Arguments> lines() throws IOException {
        List<Arguments> args = new ArrayList<>();
        for (Corpus corpus : corpora()) {
            List<JsonNode> expected = expectations(corpus);
            for (int i = 0; i < corpus.lines().size(); i++) {
                args.add(Arguments.of(
                        corpus.name() + ":" + (i + 1), corpus, i, i < expected.size() ? expected.get(i) : null));
            }
        }
        return args.stream();
    }

    private static List<JsonNode> expectations(Corpus corpus) throws IOException {
        InputStream in =
                SyslogDialectsTest.class.getResourceAsStream("/corpus/dialects/" + corpus.name() + ".expected.jsonl");
        if (in == null) {
            return List.of();
        }
        List<JsonNode> nodes = new ArrayList<>();
        try (in) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .toList()) {
                nodes.add(JSON.readTree(line));
            }
        }
        return nodes;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lines")
    void lineYieldsItsExpectedHostTimeProgramAndFields(String where, Corpus corpus, int index, JsonNode expected)
            throws IOException {
        assertThat(expected)
                .as("expectation for " + where + " (see target/corpus-actual)")
                .isNotNull();
        // compared as read back from text, so a pid held as long equals the same number read as int
        assertThat(JSON.readTree(outcome(corpus, index).toString()))
                .as(where + ": " + corpus.lines().get(index))
                .isEqualTo(expected);
    }

    @Test
    void everyCorpusKeepsHostAndOwnTimeOnAtLeast99PercentAndMarksTheRest() throws IOException {
        Files.createDirectories(ACTUAL);
        StringBuilder report = new StringBuilder(String.format(
                "%-24s %6s %10s %10s %10s %9s%n", "corpus", "lines", "host+time", "own time", "host", "hostless"));
        Map<String, Double> shares = new TreeMap<>();
        for (Corpus corpus : corpora()) {
            StringBuilder actual = new StringBuilder();
            int both = 0;
            int ownTime = 0;
            int host = 0;
            for (int i = 0; i < corpus.lines().size(); i++) {
                ObjectNode out = outcome(corpus, i);
                actual.append(out).append('\n');
                boolean own = !out.has("rejected") && !out.path("fields").has(Fields.TIMESTAMP_SOURCE);
                boolean unknown = "unknown".equals(out.path("host").asText());
                boolean hostless = corpus.hostless().contains(i + 1);
                if (hostless) {
                    assertThat(unknown)
                            .as(corpus.name() + ":" + (i + 1) + " names no host")
                            .isTrue();
                }
                boolean named = !out.has("rejected") && (!unknown || hostless);
                ownTime += own ? 1 : 0;
                host += named ? 1 : 0;
                both += own && named ? 1 : 0;
                if (!own && !out.has("rejected")) {
                    // never silently: a line on Kafka's clock says so, and gets exactly that clock
                    assertThat(out.path("fields").path(Fields.TIMESTAMP_SOURCE).asText())
                            .isEqualTo(Fields.TIMESTAMP_RECEIVED);
                    assertThat(out.path("timestamp").asText())
                            .isEqualTo(corpus.received().toString());
                } else if (own) {
                    // and a line on its own clock did not silently fall back to Kafka's
                    assertThat(out.path("timestamp").asText())
                            .as(corpus.name() + ":" + (i + 1))
                            .isNotEqualTo(corpus.received().toString());
                }
            }
            Files.writeString(ACTUAL.resolve(corpus.name() + ".expected.jsonl"), actual);
            int n = corpus.lines().size();
            report.append(String.format(
                    "%-24s %6d %9.1f%% %9.1f%% %9.1f%% %9d%n",
                    corpus.name(),
                    n,
                    100.0 * both / n,
                    100.0 * ownTime / n,
                    100.0 * host / n,
                    corpus.hostless().size()));
            shares.put(corpus.name(), (double) both / n);
        }
        System.out.print(report);
        Files.writeString(ACTUAL.resolve("shares.txt"), report);
        assertThat(shares)
                .allSatisfy((name, share) -> assertThat(share).as(name).isGreaterThanOrEqualTo(0.99));
    }
}
