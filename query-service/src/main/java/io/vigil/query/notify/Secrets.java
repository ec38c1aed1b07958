package io.vigil.query.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.exceptions.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Resolves the secret references of the channels file: {@code env:NAME} (an environment variable)
 * or {@code secret:KEY} (a key of the secrets file, a flat YAML map that must be readable by its
 * owner only, like users.json and jwt-secret). The channels file itself never holds a secret, so
 * it can be kept in version control; a missing variable or key stops the start with its name.
 */
final class Secrets {
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);

    private final Function<String, String> environment;
    private final Path file;
    private Map<String, String> fileValues;

    Secrets(Function<String, String> environment, Path file) {
        this.environment = environment;
        this.file = file;
    }

    static boolean isReference(String text) {
        return text != null && (text.startsWith("env:") || text.startsWith("secret:"));
    }

    /**
     * @param where    the setting, for messages ({@code channels[0] (soc): url})
     * @param reference {@code env:NAME} or {@code secret:KEY}
     */
    ConfigValue resolve(String where, String reference) {
        if (reference.startsWith("env:")) {
            String name = reference.substring(4).trim();
            String value = name.isEmpty() ? null : environment.apply(name);
            if (value == null || value.isEmpty()) {
                throw new ConfigurationException(where + ": the environment variable " + name + " is not set");
            }
            return ConfigValue.secret(value, "env:" + name);
        }
        if (reference.startsWith("secret:")) {
            String key = reference.substring(7).trim();
            String value = fileValues().get(key);
            if (value == null || value.isEmpty()) {
                throw new ConfigurationException(where + ": " + file + " has no key '" + key + "'");
            }
            return ConfigValue.secret(value, "secret:" + key);
        }
        throw new ConfigurationException(
                where + ": expected env:NAME or secret:KEY (secrets are not written into the channels file)");
    }

    private Map<String, String> fileValues() {
        if (fileValues != null) {
            return fileValues;
        }
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationException("the secrets file " + file + " does not exist");
        }
        try {
            PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
            if (posix != null) {
                Set<PosixFilePermission> permissions = posix.readAttributes().permissions();
                if (permissions.stream().anyMatch(OTHERS::contains)) {
                    throw new ConfigurationException(
                            "the secrets file " + file + " must be readable by its owner only (chmod 600)");
                }
            }
            JsonNode root = YamlTrees.read(file);
            Map<String, String> values = new HashMap<>();
            if (root != null && root.isObject()) {
                root.fields().forEachRemaining(e -> {
                    if (e.getValue().isValueNode()) {
                        values.put(e.getKey(), e.getValue().asText());
                    }
                });
            } else if (root != null && !root.isMissingNode() && !root.isNull()) {
                throw new ConfigurationException("the secrets file " + file + " must be a map of KEY: value");
            }
            fileValues = values;
            return values;
        } catch (IOException e) {
            // The parser's message may quote the file's text: name the file, not the content.
            throw new ConfigurationException("the secrets file " + file + " cannot be read as YAML");
        }
    }
}
