package io.vigil.detection.sigma;

import io.vigil.detection.rule.RuleSyntaxException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where a Sigma rule's configuration files (field mapping, placeholders) are: the nearest one
 * in the rule's directory or above it, else the one in {@code rules/sigma/} of the working
 * directory. So a directory of third-party rules can bring its own, and otherwise gets Vigil's.
 */
final class SigmaConfigFiles {
    private SigmaConfigFiles() {}

    static Optional<Path> nearest(Path ruleFile, String name) {
        Path dir = ruleFile.toAbsolutePath().getParent();
        while (dir != null) {
            Path candidate = dir.resolve(name);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
            dir = dir.getParent();
        }
        Path fallback = Path.of("rules", "sigma", name);
        return Files.isRegularFile(fallback) ? Optional.of(fallback) : Optional.empty();
    }

    /** Reads one configuration file's text into what it configures. */
    @FunctionalInterface
    interface Reader<T> {
        T read(String text) throws RuleSyntaxException;
    }

    /**
     * The file read once per run (every rule of a directory shares it), its errors located as
     * {@code in FILE line N: ...}.
     */
    static <T> T readOnce(Map<Path, T> cache, Path file, Reader<T> reader) throws RuleSyntaxException {
        synchronized (cache) {
            Path key = file.toAbsolutePath().normalize();
            T cached = cache.get(key);
            if (cached != null) {
                return cached;
            }
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            try {
                T value = reader.read(text);
                cache.put(key, value);
                return value;
            } catch (RuleSyntaxException e) {
                throw new RuleSyntaxException(0, "in " + file + " line " + e.line() + ": " + e.getMessage());
            }
        }
    }
}
