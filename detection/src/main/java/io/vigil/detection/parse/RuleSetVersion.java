package io.vigil.detection.parse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The version of a rule set: a SHA-256 over every file that decides what the job detects (rule
 * files and the Sigma configuration: field mapping, placeholders, logsources), by path relative
 * to the rules directory, in name order. Test cases and the job's other configuration in the
 * directory (assets, anomaly settings, protection, intel lists, which the job re-reads by itself)
 * are not part of it. {@code ./vigil rules deploy} compares what it validated with what the job
 * loaded through it; the catalog and the dashboard show it.
 */
public final class RuleSetVersion {
    /** Read by the job while it runs (hot reload), not when rules are compiled. */
    private static final Set<String> NOT_RULES =
            Set.of("assets.yml", "assets.yaml", "anomaly.yml", "anomaly.yaml", "protection.yml", "protection.yaml");
    /** How many hex digits people see (the whole hash is compared). */
    public static final int SHORT = 12;

    private RuleSetVersion() {}

    /** The version of the rules under {@code directory}, or of one file. */
    public static String of(Path directory) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Path root = directory.toAbsolutePath().normalize();
        for (Path file : files(root)) {
            String relative = root.relativize(file).toString().replace('\\', '/');
            sha.update(relative.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            try {
                sha.update(Files.readAllBytes(file));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            sha.update((byte) 0);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    public static String brief(String version) {
        return version == null || version.length() <= SHORT ? version : version.substring(0, SHORT);
    }

    private static List<Path> files(Path root) {
        if (Files.isRegularFile(root)) {
            return List.of(root);
        }
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        return RuleFiles.yamlUnder(root).stream()
                .filter(p -> !RuleFiles.isTestFile(p)
                        && !NOT_RULES.contains(p.getFileName().toString().toLowerCase(Locale.ROOT)))
                .toList();
    }
}
