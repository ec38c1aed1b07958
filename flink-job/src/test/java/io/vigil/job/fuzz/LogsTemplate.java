package io.vigil.job.fuzz;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.common.IndexTemplates;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether Elasticsearch would take a log document under the logs template: valid JSON without
 * duplicate keys (Elasticsearch parses strictly), objects where the mapping has objects, scalars
 * (or arrays of them) where it has fields, finite numbers in numeric fields that do not ignore
 * malformed values. Dotted keys are paths, as Elasticsearch reads them. Fields the template does
 * not map are ignored ({@code dynamic: false}); a disabled object takes anything.
 */
public final class LogsTemplate {
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final JsonNode properties;

    public LogsTemplate() {
        try {
            String template = IndexTemplates.forPrefix("fuzz").get("fuzz-logs");
            properties = new ObjectMapper().readTree(template).at("/template/mappings/properties");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What Elasticsearch would refuse in the document; empty when it takes it. */
    public List<String> problems(byte[] document) {
        List<String> problems = new ArrayList<>();
        JsonNode doc;
        try {
            doc = STRICT.readTree(document);
        } catch (IOException e) {
            problems.add("not valid JSON: " + e.getMessage());
            return problems;
        }
        if (!doc.isObject()) {
            problems.add("not an object");
            return problems;
        }
        object(doc, properties, "", problems);
        return problems;
    }

    private static void object(JsonNode object, JsonNode properties, String path, List<String> problems) {
        for (Map.Entry<String, JsonNode> field : iterable(object)) {
            String[] parts = field.getKey().split("\\.", -1);
            JsonNode mapping = null;
            JsonNode scope = properties;
            boolean unmapped = false;
            for (int i = 0; i < parts.length; i++) {
                if (parts[i].isEmpty()) {
                    problems.add(path + field.getKey() + ": empty name in a dotted key");
                    return;
                }
                mapping = scope == null ? null : scope.get(parts[i]);
                if (mapping == null) {
                    unmapped = true;
                    break;
                }
                if (i < parts.length - 1) {
                    if (!mapping.has("properties")
                            && !"object".equals(mapping.path("type").asText())) {
                        problems.add(path + field.getKey() + ": " + parts[i] + " is a field, not an object");
                        return;
                    }
                    scope = mapping.get("properties");
                }
            }
            if (unmapped) {
                continue;
            }
            value(field.getValue(), mapping, path + field.getKey(), problems);
        }
    }

    private static void value(JsonNode value, JsonNode mapping, String path, List<String> problems) {
        if (value.isNull()) {
            return;
        }
        if (mapping.has("properties") || "object".equals(mapping.path("type").asText())) {
            if (!mapping.path("enabled").asBoolean(true)) {
                return; // stored in _source, never parsed
            }
            if (!value.isObject()) {
                problems.add(path + ": an object mapping got " + value.getNodeType());
                return;
            }
            object(value, mapping.path("properties"), path + ".", problems);
            return;
        }
        if (value.isArray()) {
            for (JsonNode element : value) {
                if (element.isContainerNode()) {
                    problems.add(path + ": a field got a nested " + element.getNodeType());
                } else {
                    value(element, mapping, path, problems);
                }
            }
            return;
        }
        if (value.isContainerNode()) {
            problems.add(path + ": a field got an " + value.getNodeType());
            return;
        }
        String type = mapping.path("type").asText();
        boolean lenient = mapping.path("ignore_malformed").asBoolean(false);
        switch (type) {
            case "long", "integer", "float", "double" -> {
                if (!lenient && !(value.isNumber() && Double.isFinite(value.asDouble()))) {
                    problems.add(path + ": " + type + " got " + value);
                }
            }
            case "date" -> {
                // strict_date_optional_time: a four-digit year (Instant.toString writes "+10000-..." past 9999)
                if (!(value.isTextual() && value.asText().matches("\\d{4}-\\d{2}-\\d{2}T.*"))
                        && !value.isIntegralNumber()) {
                    problems.add(path + ": date got " + value);
                }
            }
            case "keyword", "text", "ip" -> {
                // any scalar: numbers and booleans are indexed as their text; ip ignores malformed values
            }
            default -> problems.add(path + ": unknown mapping type " + type);
        }
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode object) {
        return object::fields;
    }
}
