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
    private static final String[] NAMES = {"logs", "alerts", "dlq", "rules", "alert-history", "metrics"};

    private IndexTemplates() {
    }

    /** Template name → template body, in installation order. */
    public static Map<String, String> forPrefix(String prefix) {
        Indices indices = new Indices(prefix); // validates the prefix
        Map<String, String> templates = new LinkedHashMap<>();
        for (String name : NAMES) {
            templates.put(indices.prefix() + "-" + name, read(name).replace("{{prefix}}", prefix));
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
