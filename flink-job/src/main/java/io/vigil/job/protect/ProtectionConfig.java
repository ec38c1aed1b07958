package io.vigil.job.protect;

import io.vigil.common.YamlLoading;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the job protects before storing: the secret patterns (the built-in ones, always on, plus
 * those of {@code protection.yml} in the rules directory) and the fields to encrypt. Read when the
 * job starts; a broken file fails the start with its name and the problem, rather than storing
 * secrets.
 *
 * <pre>
 * encrypt: [user.name, process.command_line]   # fields encrypted before indexing
 * redact:                                      # extra secret patterns (secret-patterns.yml shape)
 *   - name: employee-id
 *     pattern: '\bEMP-\d{6}\b'
 * </pre>
 */
public final class ProtectionConfig implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final String BUILT_IN = "secret-patterns.yml";

    private final List<SecretPattern> patterns;
    private final List<String> encryptedFields;

    ProtectionConfig(List<SecretPattern> patterns, List<String> encryptedFields) {
        this.patterns = List.copyOf(patterns);
        this.encryptedFields = List.copyOf(encryptedFields);
    }

    /** The built-in patterns and nothing encrypted. */
    public static ProtectionConfig builtIn() {
        try (InputStream in = ProtectionConfig.class.getResourceAsStream(BUILT_IN)) {
            List<Object> entries = list(YamlLoading.load(in), BUILT_IN);
            return new ProtectionConfig(patterns(entries, TextPattern::reviewed), List.of());
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot read the built-in " + BUILT_IN + ": " + e.getMessage(), e);
        }
    }

    /** The built-in patterns plus what {@code file} adds; just the built-ins when it does not exist. */
    @SuppressWarnings("unchecked")
    public static ProtectionConfig load(Path file) throws IOException {
        ProtectionConfig builtIn = builtIn();
        if (!Files.isRegularFile(file)) {
            return builtIn;
        }
        Object root;
        try (Reader reader = Files.newBufferedReader(file)) {
            root = YamlLoading.load(reader);
        } catch (RuntimeException e) {
            throw new IOException(file + ": not valid YAML: " + e.getMessage(), e);
        }
        if (root == null) {
            return builtIn;
        }
        if (!(root instanceof Map)) {
            throw new IOException(file + ": expected a map with 'encrypt' and/or 'redact'");
        }
        Map<String, Object> map = (Map<String, Object>) root;
        for (String key : map.keySet()) {
            if (!key.equals("encrypt") && !key.equals("redact")) {
                throw new IOException(file + ": unknown key '" + key + "' (expected 'encrypt' or 'redact')");
            }
        }
        try {
            List<SecretPattern> patterns =
                    new ArrayList<>(patterns(list(map.get("redact"), "redact"), TextPattern::re2));
            // Configured patterns first: the built-in generic credential pattern must not take
            // half of a more specific secret first.
            patterns.addAll(builtIn.patterns);
            List<String> fields = new ArrayList<>();
            for (Object field : list(map.get("encrypt"), "encrypt")) {
                if (!(field instanceof String name) || name.isBlank()) {
                    throw new IllegalArgumentException("'encrypt' must list field names, found " + field);
                }
                fields.add(name.trim());
            }
            return new ProtectionConfig(patterns, fields);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    public List<SecretPattern> patterns() {
        return patterns;
    }

    public List<String> encryptedFields() {
        return encryptedFields;
    }

    private static List<Object> list(Object value, String key) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List)) {
            throw new IllegalArgumentException("'" + key + "' must be a list");
        }
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) value;
        return list;
    }

    @SuppressWarnings("unchecked")
    private static List<SecretPattern> patterns(
            List<Object> entries, java.util.function.Function<String, TextPattern> compile) {
        List<SecretPattern> patterns = new ArrayList<>();
        for (Object entry : entries) {
            if (!(entry instanceof Map)) {
                throw new IllegalArgumentException("each pattern must be a map with name and pattern");
            }
            Map<String, Object> p = (Map<String, Object>) entry;
            String name = String.valueOf(p.get("name"));
            if (p.get("name") == null || p.get("pattern") == null) {
                throw new IllegalArgumentException("a pattern needs 'name' and 'pattern': " + p);
            }
            TextPattern regex;
            try {
                regex = compile.apply(String.valueOf(p.get("pattern")));
            } catch (java.util.regex.PatternSyntaxException e) {
                throw new IllegalArgumentException("pattern '" + name + "': " + e.getDescription());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("pattern '" + name + "': " + e.getMessage());
            }
            int group = p.get("secret") == null ? 0 : ((Number) p.get("secret")).intValue();
            if (group < 0 || group > regex.groupCount()) {
                throw new IllegalArgumentException("pattern '" + name + "': secret group " + group + " does not exist");
            }
            List<String> hints = new ArrayList<>();
            for (Object hint : list(p.get("hints"), "hints")) {
                hints.add(String.valueOf(hint).toLowerCase(java.util.Locale.ROOT));
            }
            Object check = p.get("check");
            if (check != null && !"card".equals(check)) {
                throw new IllegalArgumentException(
                        "pattern '" + name + "': unknown check '" + check + "' (known: card)");
            }
            Object run = p.getOrDefault("digit-run", 0);
            if (!(run instanceof Integer digitRun) || digitRun < 0) {
                throw new IllegalArgumentException(
                        "pattern '" + name + "': digit-run must be a whole number, 0 or more: " + run);
            }
            patterns.add(new SecretPattern(name, regex, group, hints, check != null, digitRun));
        }
        return patterns;
    }
}
