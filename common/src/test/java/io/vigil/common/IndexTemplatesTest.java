package io.vigil.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IndexTemplatesTest {
    private final ObjectMapper json = new ObjectMapper();

    /** The logs template as the default log indices make it. */
    private JsonNode logsTemplate() throws Exception {
        return json.readTree(IndexTemplates.forPrefix("acme").get("acme-logs"));
    }

    @Test
    void everyTemplateIsJsonAndTargetsItsPrefix() throws Exception {
        Map<String, String> templates = IndexTemplates.forPrefix("acme");
        assertThat(templates)
                .containsOnlyKeys(
                        "acme-logs",
                        "acme-alerts",
                        "acme-dlq",
                        "acme-rules",
                        "acme-alert-history",
                        "acme-metrics",
                        "acme-notifications");
        for (String body : templates.values()) {
            JsonNode node = json.readTree(body);
            assertThat(node.get("index_patterns").get(0).asText()).startsWith("acme-");
            assertThat(body).doesNotContain("{{prefix}}");
        }
    }

    @Test
    void logsTemplatePutsTheReadAliasOnEveryDailyIndex() throws Exception {
        Indices indices = new Indices("acme");
        JsonNode logs = logsTemplate();
        assertThat(logs.at("/template/aliases").has(indices.logsAlias())).isTrue();
        assertThat(logs.at("/template/mappings/dynamic").asBoolean(true)).isFalse();
        assertThat(indices.logsIndexFor(0L)).isEqualTo("acme-logs-1970.01.01");
        assertThat(indices.logsIndexFor(1_795_000_000_000L)).isEqualTo("acme-logs-2026.11.18");
        assertThat(indices.logsIndexDay("acme-logs-2026.11.18")).contains(java.time.LocalDate.of(2026, 11, 18));
        assertThat(indices.logsIndexDay("other-logs-2026.11.18")).isEmpty();
        assertThat(indices.logsIndexDay("acme-logs-latest")).isEmpty();
    }

    @Test
    void everyIndexedFieldHasAMappingInTheLogsTemplate() throws Exception {
        JsonNode properties = logsTemplate().at("/template/mappings/properties");
        for (String field : Fields.ECS) {
            // a field the job writes but the template lacks would be kept in _source yet never found
            JsonNode node = properties.at("/" + field.replace(".", "/properties/"));
            assertThat(node.path("type").isTextual()).as(field).isTrue();
        }
    }

    @Test
    void theDeadLetterTemplateMapsExactlyTheFieldsADeadLetterHas() throws Exception {
        JsonNode properties =
                json.readTree(IndexTemplates.forPrefix("acme").get("acme-dlq")).at("/template/mappings/properties");
        java.util.List<String> mapped = new java.util.ArrayList<>();
        properties.fieldNames().forEachRemaining(mapped::add);
        assertThat(mapped)
                .containsExactlyInAnyOrder(
                        Fields.TIMESTAMP,
                        Fields.DLQ_STAGE,
                        Fields.DLQ_REASON,
                        Fields.TOPIC,
                        Fields.DLQ_PARTITION,
                        Fields.DLQ_OFFSET,
                        Fields.DLQ_RAW,
                        Fields.DLQ_RAW_ENCODING);
    }

    @Test
    void everyKeywordOfTheLogsTemplateHasALengthLimit() throws Exception {
        // A keyword value over Lucene's 32766-byte term limit makes Elasticsearch refuse the whole
        // document: with ignore_above the value stays in _source, unindexed, and the event is stored.
        JsonNode properties = logsTemplate().at("/template/mappings/properties");
        java.util.List<String> unlimited = new java.util.ArrayList<>();
        keywordsWithoutLimit(properties, "", unlimited);
        assertThat(unlimited).isEmpty();
    }

    private static void keywordsWithoutLimit(JsonNode properties, String path, java.util.List<String> out) {
        properties.fields().forEachRemaining(field -> {
            JsonNode mapping = field.getValue();
            if (mapping.has("properties")) {
                keywordsWithoutLimit(mapping.get("properties"), path + field.getKey() + ".", out);
            } else if ("keyword".equals(mapping.path("type").asText()) && !mapping.has("ignore_above")) {
                out.add(path + field.getKey());
            }
        });
    }

    /** Each of these logs settings has a default, takes what the log indices choose, and refuses a bad choice. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # setting      | default          | chosen: refresh, shards, codec | makes it | refused: refresh, shards, codec
            refresh_interval | 1s               | 30s | 1 | default              | 30s      | "}  | 1 | default
            codec            | best_compression | 1s  | 1 | default              | default  | 1s  | 1 | zstd","x
            number_of_shards | 1                | 1s  | 4 | default              | 4        | 1s  | 0 | default
            """)
    void aLogsSettingIsAChoice(
            String setting,
            String byDefault,
            String refresh,
            int shards,
            String codec,
            String value,
            String badRefresh,
            int badShards,
            String badCodec)
            throws Exception {
        String path = "/template/settings/" + setting;
        assertThat(logsTemplate().at(path).asText()).isEqualTo(byDefault);
        JsonNode chosen =
                json.readTree(IndexTemplates.forPrefix("acme", new IndexTemplates.LogIndices(refresh, shards, codec))
                        .get("acme-logs"));
        assertThat(chosen.at(path).asText()).isEqualTo(value);
        assertThatThrownBy(() -> new IndexTemplates.LogIndices(badRefresh, badShards, badCodec))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** The job's shape first (issue 18: half the parse time), then every shape read before. */
    @Test
    void logDatesAreReadInTheJobsShapeFirst() throws Exception {
        JsonNode logs = logsTemplate();
        for (String field : List.of("/timestamp", "/event/properties/ingested")) {
            assertThat(logs.at("/template/mappings/properties" + field + "/format")
                            .asText())
                    .as(field)
                    .isEqualTo("strict_date_time||strict_date_optional_time||epoch_millis");
        }
    }

    @Test
    void everyIndexGetsAReplicaWhereASecondNodeExists() throws Exception {
        for (String template : IndexTemplates.forPrefix("acme").values()) {
            assertThat(json.readTree(template)
                            .at("/template/settings/auto_expand_replicas")
                            .asText())
                    .isEqualTo("0-1");
        }
    }

    @Test
    void rejectsPrefixesElasticsearchWouldRefuse() {
        assertThatThrownBy(() -> new Indices("Vigil")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Indices("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void syslogLevelsMapAsTheContractSays() {
        assertThat(Severity.fromSyslogLevel("crit")).isEqualTo(Severity.CRITICAL);
        assertThat(Severity.fromSyslogLevel("1")).isEqualTo(Severity.CRITICAL);
        assertThat(Severity.fromSyslogLevel("err")).isEqualTo(Severity.HIGH);
        assertThat(Severity.fromSyslogLevel("warning")).isEqualTo(Severity.MEDIUM);
        assertThat(Severity.fromSyslogLevel("info")).isEqualTo(Severity.LOW);
        assertThat(Severity.parse("high")).contains(Severity.HIGH);
        assertThat(Severity.parse("severe")).isEmpty();
    }
}
