package io.vigil.job.parse;

import io.krakens.grok.api.Grok;
import io.krakens.grok.api.GrokCompiler;
import io.vigil.common.YamlLoading;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** Loads the YAML pattern tables beside this class and compiles their grok expressions. */
final class GrokPatterns {
    private GrokPatterns() {}

    static Map<String, Object> load(String resource) {
        try (InputStream in = GrokPatterns.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing parser resource " + resource);
            }
            Object data = YamlLoading.load(in);
            return data instanceof Map ? cast(data) : Map.of("entries", data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static GrokCompiler compiler(Map<String, String> extraPatterns) {
        GrokCompiler compiler = GrokCompiler.newInstance();
        compiler.registerDefaultPatterns();
        extraPatterns.forEach(compiler::register);
        return compiler;
    }

    static Grok compile(GrokCompiler compiler, String expression, String where) {
        try {
            // namedOnly: unnamed %{PATTERN}s are not captured (and cost nothing at match time).
            return compiler.compile(expression, true);
        } catch (RuntimeException e) {
            throw new IllegalStateException("bad grok pattern in " + where + ": " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    static <T> T cast(Object value) {
        return (T) value;
    }

    static List<Map<String, Object>> list(Object value) {
        return cast(value);
    }
}
