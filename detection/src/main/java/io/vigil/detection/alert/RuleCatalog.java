package io.vigil.detection.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.common.ElasticsearchRest;
import io.vigil.common.Indices;
import io.vigil.common.RuleFields;
import io.vigil.detection.parse.RuleFiles;
import io.vigil.detection.parse.RuleSetVersion;
import io.vigil.detection.rule.Rule;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Publishes the loaded rules to {@code PREFIX-rules} (template {@code rules.json}) when the job
 * starts: one document per rule, {@code _id} = rule id, disabled rules included; documents of
 * rules that are gone are deleted. This is what {@code GET /rules} lists.
 */
public final class RuleCatalog {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RuleCatalog() {}

    /** For the job's main: publishes every rule (enabled or not) under {@code rulesPath}. */
    public static void publish(List<String> esHosts, String prefix, String rulesPath)
            throws IOException, InterruptedException {
        publish(esHosts, prefix, rulesPath, null);
    }

    /** @param authorization an {@code Authorization} header value for a secured cluster, or null */
    public static void publish(List<String> esHosts, String prefix, String rulesPath, String authorization)
            throws IOException, InterruptedException {
        publish(
                esHosts,
                prefix,
                RuleFiles.loadForJob(Path.of(rulesPath)),
                RuleSetVersion.of(Path.of(rulesPath)),
                authorization);
    }

    public static void publish(List<String> esHosts, String prefix, List<Rule> rules, String authorization)
            throws IOException, InterruptedException {
        publish(esHosts, prefix, rules, null, authorization);
    }

    /**
     * @param ruleSet       the rule set's version ({@link RuleSetVersion}), or null
     * @param authorization an {@code Authorization} header value for a secured cluster, or null
     * @throws IOException when no Elasticsearch host accepted the catalog
     */
    public static void publish(
            List<String> esHosts, String prefix, List<Rule> rules, String ruleSet, String authorization)
            throws IOException, InterruptedException {
        String index = new Indices(prefix).rules();
        ElasticsearchRest.onFirstThatTakes(
                esHosts, authorization, Duration.ofSeconds(30), "could not publish the rule catalog to any of", es -> {
                    if (!rules.isEmpty()) {
                        es.bulk("/_bulk?refresh=true", bulk(index, rules, ruleSet));
                    }
                    es.deleteByQuery(
                            "/" + URLEncoder.encode(index, StandardCharsets.UTF_8)
                                    + "/_delete_by_query?refresh=true&ignore_unavailable=true",
                            staleRules(rules));
                });
    }

    static String bulk(String index, List<Rule> rules) {
        return bulk(index, rules, null);
    }

    static String bulk(String index, List<Rule> rules, String ruleSet) {
        StringBuilder body = new StringBuilder();
        String loadedAt = Instant.now().toString();
        for (Rule rule : rules) {
            ObjectNode action = JSON.createObjectNode();
            action.putObject("index").put("_index", index).put("_id", rule.id());
            ObjectNode doc = document(rule, loadedAt);
            if (ruleSet != null) {
                doc.put(RuleFields.RULE_SET, ruleSet);
            }
            body.append(action).append('\n').append(doc).append('\n');
        }
        return body.toString();
    }

    static ObjectNode document(Rule rule, String loadedAt) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put(RuleFields.ID, rule.id());
        doc.put(RuleFields.TITLE, rule.title());
        doc.put(RuleFields.DESCRIPTION, rule.description());
        doc.put(RuleFields.KIND, rule.kind().value());
        doc.put(RuleFields.SEVERITY, rule.severity().name());
        rule.tags().forEach(doc.putArray(RuleFields.TAGS)::add);
        doc.put(RuleFields.ENABLED, rule.enabled());
        rule.groupBy().forEach(doc.putArray(RuleFields.GROUP_BY)::add);
        doc.put(RuleFields.SOURCE, rule.source());
        doc.put(RuleFields.MODE, rule.shadow() ? "shadow" : "live");
        if (rule.activation().logsource() != null) {
            doc.put(RuleFields.LOGSOURCE, rule.activation().logsource());
        }
        if (rule.dormant()) {
            doc.put(RuleFields.DORMANT, rule.activation().dormant());
        }
        doc.put(RuleFields.LOADED_AT, loadedAt);
        return doc;
    }

    private static String staleRules(List<Rule> rules) {
        ObjectNode query = JSON.createObjectNode();
        ArrayNode ids = query.putObject("query")
                .putObject("bool")
                .putObject("must_not")
                .putObject("ids")
                .putArray("values");
        rules.forEach(r -> ids.add(r.id()));
        return query.toString();
    }
}
