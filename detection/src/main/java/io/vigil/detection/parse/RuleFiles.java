package io.vigil.detection.parse;

import io.vigil.detection.rule.Rule;
import io.vigil.detection.sigma.SigmaParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and parses rule files: {@code *.yml} / {@code *.yaml} under the given files or
 * directories (recursively, in name order), except {@code *.tests.yml}, which hold the test
 * cases of the rule beside them, and the job's configuration files that share the rules
 * directory ({@code assets.yml}, {@code anomaly.yml}, {@code protection.yml}; intel lists are {@code .txt}). Rule ids
 * must be unique across everything loaded.
 */
public final class RuleFiles {
    /** Configuration the job reads from the rules directory: not rules. */
    public static final Set<String> CONFIGURATION_FILES = Set.of(
            "assets.yml",
            "assets.yaml",
            "anomaly.yml",
            "anomaly.yaml",
            "field-mapping.yml",
            "field-mapping.yaml",
            "placeholders.yml",
            "placeholders.yaml",
            "protection.yml",
            "protection.yaml",
            "logsources.yml",
            "logsources.yaml");

    private static final Logger LOG = LoggerFactory.getLogger(RuleFiles.class);

    private RuleFiles() {}

    /** Everything found under the paths: valid rules, test files, and every error. */
    public record Loaded(List<Rule> rules, List<Path> ruleFiles, List<Path> testFiles, List<RuleError> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    public static Loaded load(List<Path> paths) {
        List<Path> ruleFiles = new ArrayList<>();
        List<Path> testFiles = new ArrayList<>();
        List<RuleError> errors = new ArrayList<>();
        for (Path path : paths) {
            if (!Files.exists(path)) {
                errors.add(new RuleError(path.toString(), 0, "no such file or directory"));
                continue;
            }
            for (Path file : Files.isRegularFile(path) ? List.of(path) : yamlUnder(path)) {
                if (isConfiguration(file)) {
                    continue;
                }
                (isTestFile(file) ? testFiles : ruleFiles).add(file);
            }
        }
        List<Rule> rules = new ArrayList<>();
        Map<String, Rule> byId = new HashMap<>();
        for (Path file : ruleFiles) {
            String text = read(file);
            List<Rule> fileRules = new ArrayList<>();
            if (SigmaParser.isSigma(text)) {
                // a Sigma file may hold several rules (a correlation and the rules it names)
                errors.addAll(SigmaParser.parseAll(file, text, fileRules).errors());
            } else {
                RuleParser.Parsed parsed = RuleParser.parse(file.toString(), text);
                errors.addAll(parsed.errors());
                if (parsed.rule() != null) {
                    fileRules.add(parsed.rule());
                }
            }
            for (Rule rule : fileRules) {
                Rule previous = byId.putIfAbsent(rule.id(), rule);
                if (previous != null) {
                    errors.add(new RuleError(
                            file.toString(),
                            rule.line(),
                            "duplicate rule id '" + rule.id() + "' (also in " + previous.source() + ")"));
                } else {
                    rules.add(rule);
                }
            }
        }
        return new Loaded(List.copyOf(rules), List.copyOf(ruleFiles), List.copyOf(testFiles), List.copyOf(errors));
    }

    /**
     * The rules the job runs, from its {@code rules.path}. An invalid rule stops the job from
     * starting (it would otherwise run with a silently missing rule); a missing directory only
     * turns detection off, with a warning, so a job without rules still stores logs.
     *
     * @throws IllegalArgumentException listing every error as {@code file:line: message}
     */
    public static List<Rule> loadForJob(Path directory) {
        if (!Files.exists(directory)) {
            LOG.warn("No rules directory at {}: detection is off (set --rules.path)", directory.toAbsolutePath());
            return List.of();
        }
        Loaded loaded = load(List.of(directory));
        if (!loaded.valid()) {
            StringBuilder message = new StringBuilder("invalid rules in " + directory + ":");
            loaded.errors().forEach(e -> message.append("\n  ").append(e));
            throw new IllegalArgumentException(message.toString());
        }
        long dormant = loaded.rules().stream().filter(Rule::dormant).count();
        LOG.info(
                "Loaded {} rules ({} dormant) from {}, rule set {}",
                loaded.rules().size(),
                dormant,
                directory.toAbsolutePath(),
                RuleSetVersion.brief(RuleSetVersion.of(directory)));
        return loaded.rules();
    }

    /** One of {@link #CONFIGURATION_FILES}. */
    public static boolean isConfiguration(Path file) {
        return CONFIGURATION_FILES.contains(file.getFileName().toString().toLowerCase(Locale.ROOT));
    }

    public static boolean isTestFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".tests.yml") || name.endsWith(".tests.yaml");
    }

    /** The rule file a test file belongs to: {@code x.tests.yml} → {@code x.yml} (or .yaml). */
    public static Path ruleFileOf(Path testFile) {
        String name = testFile.getFileName().toString();
        String stem = name.substring(0, name.toLowerCase(Locale.ROOT).lastIndexOf(".tests."));
        Path yml = testFile.resolveSibling(stem + ".yml");
        return Files.exists(yml) ? yml : testFile.resolveSibling(stem + ".yaml");
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The {@code .yml} / {@code .yaml} files under a directory, in name order. */
    public static List<Path> yamlUnder(Path directory) {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> {
                        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
                        return name.endsWith(".yml") || name.endsWith(".yaml");
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }
}
