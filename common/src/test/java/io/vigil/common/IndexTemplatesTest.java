package io.vigil.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IndexTemplatesTest {
    private final ObjectMapper json = new ObjectMapper();

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
        JsonNode logs = json.readTree(IndexTemplates.forPrefix("acme").get("acme-logs"));
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
        JsonNode properties =
                json.readTree(IndexTemplates.forPrefix("acme").get("acme-logs")).at("/template/mappings/properties");
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
        JsonNode properties =
                json.readTree(IndexTemplates.forPrefix("acme").get("acme-logs")).at("/template/mappings/properties");
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

    @Test
    void logsRefreshIntervalIsAChoice() throws Exception {
        JsonNode fast = json.readTree(IndexTemplates.forPrefix("acme").get("acme-logs"));
        assertThat(fast.at("/template/settings/refresh_interval").asText()).isEqualTo("1s");
        JsonNode bulk =
                json.readTree(IndexTemplates.forPrefix("acme", new IndexTemplates.LogIndices("30s", 1, "default"))
                        .get("acme-logs"));
        assertThat(bulk.at("/template/settings/refresh_interval").asText()).isEqualTo("30s");
        assertThatThrownBy(() -> new IndexTemplates.LogIndices("\"}", 1, "default"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** The job's shape first (issue 18: half the parse time), then every shape read before. */
    @Test
    void logDatesAreReadInTheJobsShapeFirst() throws Exception {
        JsonNode logs = json.readTree(IndexTemplates.forPrefix("acme").get("acme-logs"));
        for (String field : List.of("/timestamp", "/event/properties/ingested")) {
            assertThat(logs.at("/template/mappings/properties" + field + "/format")
                            .asText())
                    .as(field)
                    .isEqualTo("strict_date_time||strict_date_optional_time||epoch_millis");
        }
    }

    @Test
    void logCodecIsAChoiceBetweenSizeAndSpeed() throws Exception {
        JsonNode small = json.readTree(IndexTemplates.forPrefix("acme").get("acme-logs"));
        assertThat(small.at("/template/settings/codec").asText()).isEqualTo("best_compression");
        JsonNode fast =
                json.readTree(IndexTemplates.forPrefix("acme", new IndexTemplates.LogIndices("1s", 1, "default"))
                        .get("acme-logs"));
        assertThat(fast.at("/template/settings/codec").asText()).isEqualTo("default");
        assertThatThrownBy(() -> new IndexTemplates.LogIndices("1s", 1, "zstd\",\"x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void logShardsAreAChoiceAndEveryIndexGetsAReplicaWhereASecondNodeExists() throws Exception {
        JsonNode one = json.readTree(IndexTemplates.forPrefix("acme").get("acme-logs"));
        assertThat(one.at("/template/settings/number_of_shards").asInt()).isEqualTo(1);
        JsonNode four =
                json.readTree(IndexTemplates.forPrefix("acme", new IndexTemplates.LogIndices("1s", 4, "default"))
                        .get("acme-logs"));
        assertThat(four.at("/template/settings/number_of_shards").asInt()).isEqualTo(4);
        assertThatThrownBy(() -> new IndexTemplates.LogIndices("1s", 0, "default"))
                .isInstanceOf(IllegalArgumentException.class);
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
