package io.vigil.detection.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.common.Indices;
import io.vigil.detection.parse.RuleFiles;
import io.vigil.detection.parse.RuleSetVersion;
import io.vigil.detection.rule.Rule;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        IOException last = null;
        for (String host : esHosts) {
            String base = host.endsWith("/") ? host.substring(0, host.length() - 1) : host;
            try {
                if (!rules.isEmpty()) {
                    send(
                            http,
                            HttpRequest.newBuilder(URI.create(base + "/_bulk?refresh=true"))
                                    .header("Content-Type", "application/x-ndjson")
                                    .POST(HttpRequest.BodyPublishers.ofString(bulk(index, rules, ruleSet))),
                            authorization,
                            true);
                }
                send(
                        http,
                        HttpRequest.newBuilder(URI.create(base + "/" + URLEncoder.encode(index, StandardCharsets.UTF_8)
                                        + "/_delete_by_query?refresh=true&ignore_unavailable=true"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(staleRules(rules))),
                        authorization,
                        false);
                return;
            } catch (IOException e) {
                last = e;
            }
        }
        throw new IOException("could not publish the rule catalog to any of " + esHosts, last);
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
                doc.put("rule_set", ruleSet);
            }
            body.append(action).append('\n').append(doc).append('\n');
        }
        return body.toString();
    }

    static ObjectNode document(Rule rule, String loadedAt) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("id", rule.id());
        doc.put("title", rule.title());
        doc.put("description", rule.description());
        doc.put("kind", rule.kind().value());
        doc.put("severity", rule.severity().name());
        rule.tags().forEach(doc.putArray("tags")::add);
        doc.put("enabled", rule.enabled());
        rule.groupBy().forEach(doc.putArray("group_by")::add);
        doc.put("source", rule.source());
        doc.put("mode", rule.shadow() ? "shadow" : "live");
        if (rule.activation().logsource() != null) {
            doc.put("logsource", rule.activation().logsource());
        }
        if (rule.dormant()) {
            doc.put("dormant", rule.activation().dormant());
        }
        doc.put("loaded_at", loadedAt);
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

    private static void send(HttpClient http, HttpRequest.Builder request, String authorization, boolean checkItems)
            throws IOException, InterruptedException {
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response =
                http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("Elasticsearch answered HTTP " + response.statusCode() + ": " + response.body());
        }
        if (checkItems) {
            checkBulkAnswer(response.body());
        }
    }

    /**
     * Throws when the bulk answer says an item failed, naming the first failed rule and its
     * reason. Read as JSON: a text search for {@code "errors":true} missed a spaced answer
     * ({@code "errors": true}) and quoted the whole answer instead of the reason.
     */
    static void checkBulkAnswer(String body) throws IOException {
        JsonNode answer;
        try {
            answer = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IOException("Elasticsearch's bulk answer is not JSON: " + abbreviate(body), e);
        }
        if (answer == null || !answer.path("errors").isBoolean()) {
            throw new IOException("Elasticsearch's bulk answer has no 'errors': " + abbreviate(body));
        }
        if (!answer.path("errors").booleanValue()) {
            return;
        }
        JsonNode first = null;
        int failed = 0;
        for (JsonNode item : answer.path("items")) {
            JsonNode result = item.elements().hasNext() ? item.elements().next() : item; // {"index": {...}}
            if (result.hasNonNull("error")) {
                failed++;
                first = first == null ? result : first;
            }
        }
        if (first == null) {
            throw new IOException("Elasticsearch rejected rule documents without naming one: " + abbreviate(body));
        }
        JsonNode error = first.path("error");
        String reason = error.isObject()
                ? error.path("type").asText() + ": " + error.path("reason").asText()
                : error.asText();
        throw new IOException("Elasticsearch rejected " + failed + " of "
                + answer.path("items").size()
                + " rule documents; the first, rule '" + first.path("_id").asText() + "' (HTTP "
                + first.path("status").asText() + "): " + reason);
    }

    private static String abbreviate(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500) + "...";
    }
}
