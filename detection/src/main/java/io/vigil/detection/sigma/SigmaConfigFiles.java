package io.vigil.detection.sigma;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a Sigma rule's configuration files (field mapping, placeholders) are: the nearest one
 * in the rule's directory or above it, else the one in {@code rules/sigma/} of the working
 * directory. So a directory of third-party rules can bring its own, and otherwise gets Vigil's.
 */
final class SigmaConfigFiles {
    private SigmaConfigFiles() {
    }

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
}
