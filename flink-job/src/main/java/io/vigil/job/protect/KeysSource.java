package io.vigil.job.protect;

import io.vigil.common.protect.FieldKeys;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the operators find the field keys when they open: a file path (job option
 * {@code protect.keys-file}, which must exist on every TaskManager) or else the TaskManager's
 * environment ({@value FieldKeys#ENV_FILE} / {@value FieldKeys#ENV_INLINE}). Only the path travels
 * with the job graph, never key material: Flink stores job graphs and shows their arguments.
 */
public final class KeysSource implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String file;

    private KeysSource(String file) {
        this.file = file;
    }

    /** @param file the keys file, or null to use the environment */
    public static KeysSource of(String file) {
        return new KeysSource(file == null || file.isBlank() ? null : file.trim());
    }

    /** The keys; empty when none are configured. A configured but unreadable source fails. */
    public Optional<FieldKeys> load() throws IOException {
        if (file != null) {
            return Optional.of(FieldKeys.load(Path.of(file)));
        }
        return FieldKeys.fromEnvironment(System.getenv());
    }

    /** The keys for encrypting {@code fields}; configured fields without keys fail the start rather than be stored in clear. */
    public FieldKeys require(java.util.List<String> fields) throws IOException {
        return load().orElseThrow(() -> new IllegalStateException("protection.yml encrypts " + fields
                + " but no field keys are configured (job option protect.keys-file, or VIGIL_FIELD_KEYS_FILE /"
                + " VIGIL_FIELD_KEYS on the TaskManagers)"));
    }

    @Override
    public String toString() {
        return file != null ? file : "environment";
    }
}
