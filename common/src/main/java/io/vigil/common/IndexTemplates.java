package io.vigil.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The explicit index templates (composable, {@code PUT _index_template/NAME}) for one prefix.
 * The JSON lives in resources beside this class; {@code {{prefix}}} is replaced by the prefix.
 * Whoever writes first installs them (PUT is idempotent), so mappings never come from guessing.
 */
public final class IndexTemplates {
    private static final String[] NAMES = {"logs", "alerts", "dlq", "rules", "alert-history", "metrics", "notifications"
    };

    private IndexTemplates() {}

    /**
     * Refresh interval of the log indices by default: new documents are searchable (and reach
     * the live tail) within about a second. A longer interval raises the ingest rate (fewer,
     * larger segments) at the cost of that latency; the job's {@code es.logs-refresh} sets it.
     */
    public static final String DEFAULT_LOGS_REFRESH = "1s";

    /** Template name → template body, in installation order. */
    public static Map<String, String> forPrefix(String prefix) {
        return forPrefix(prefix, DEFAULT_LOGS_REFRESH);
    }

    public static Map<String, String> forPrefix(String prefix, String logsRefresh) {
        Indices indices = new Indices(prefix); // validates the prefix
        if (!logsRefresh.matches("-1|\\d+(ms|s|m)")) {
            throw new IllegalArgumentException("refresh interval must look like 1s, 500ms, 1m or -1: " + logsRefresh);
        }
        Map<String, String> templates = new LinkedHashMap<>();
        for (String name : NAMES) {
            templates.put(
                    indices.prefix() + "-" + name,
                    read(name).replace("{{prefix}}", prefix).replace("{{logs_refresh}}", logsRefresh));
        }
        return templates;
    }

    private static String read(String name) {
        String path = "templates/" + name + ".json";
        try (InputStream in = IndexTemplates.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing template resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
