package io.vigil.detection.sigma;

import io.vigil.detection.parse.RuleError;
import io.vigil.detection.parse.RuleErrors;
import io.vigil.detection.parse.RuleParser;
import io.vigil.detection.parse.YamlDocuments;
import io.vigil.detection.parse.YamlMap;
import io.vigil.detection.rule.Rule;
import io.vigil.detection.rule.RuleSyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Compiles a Sigma file (one or more YAML documents: detection rules and correlation rules)
 * into the same {@link Rule}s native files give, in three phases as pySigma has them:
 * {@link SigmaReader} reads a document into a {@link SigmaDocument}, {@link SigmaFieldMapper}
 * maps its field names and logsource to Vigil's ({@link FieldMapping}: a field it cannot map is
 * an error, never a rule that cannot fire) and {@link SigmaCompiler} makes the rules. Documents
 * go through one at a time, detection rules before the correlations that refer to them, so a
 * file's errors come in the order they are written.
 */
public final class SigmaParser {
    /** A native file never has these top-level keys; every Sigma rule has one of them. */
    private static final Pattern SIGMA = Pattern.compile("(?m)^(logsource|correlation)\\s*:");

    /** Native rules always have a kind; Sigma rules never do (a native rule may declare a logsource). */
    private static final Pattern NATIVE = Pattern.compile("(?m)^kind\\s*:");

    /** What a Sigma rule is read with: field names, placeholder values, and which events each logsource means. */
    public record Config(FieldMapping mapping, Placeholders placeholders, Logsources logsources) {
        /** The configuration nearest to a rule file (see SigmaConfigFiles). */
        public static Config forRuleFile(Path path) throws RuleSyntaxException {
            try {
                return new Config(
                        FieldMapping.forRuleFile(path), Placeholders.forRuleFile(path), Logsources.forRuleFile(path));
            } catch (RuleSyntaxException e) {
                throw new RuleSyntaxException(0, e.getMessage());
            }
        }
    }

    private final RuleErrors errors;
    private final SigmaReader reader;
    private final SigmaCompiler compiler;
    /** Detection rules of the file by {@code name} and {@code id}, for correlations to refer to. */
    private final Map<String, SigmaCompiler.Compiled.DetectionRule> byReference = new LinkedHashMap<>();

    private SigmaParser(String file, Config config) {
        this.errors = new RuleErrors(file);
        this.reader = new SigmaReader(file, errors);
        this.compiler = new SigmaCompiler(file, errors, new SigmaFieldMapper(config));
    }

    public static boolean isSigma(String text) {
        return SIGMA.matcher(text).find() && !NATIVE.matcher(text).find();
    }

    /** Every rule of the file, or the errors; the rules are only valid when there are no errors. */
    public static RuleParser.Parsed parseAll(Path path, String text, List<Rule> out) {
        String file = path.toString();
        Config config;
        try {
            config = Config.forRuleFile(path);
        } catch (RuleSyntaxException e) {
            return new RuleParser.Parsed(null, List.of(new RuleError(file, 0, e.getMessage())));
        }
        return parseAll(file, text, config, out);
    }

    /** For tests of the language: every logsource runs, on every event ({@link Logsources#UNSCOPED}). */
    public static RuleParser.Parsed parseAll(String file, String text, FieldMapping mapping, List<Rule> out) {
        return parseAll(file, text, mapping, Placeholders.NONE, out);
    }

    /** For tests of the language: every logsource runs, on every event ({@link Logsources#UNSCOPED}). */
    public static RuleParser.Parsed parseAll(
            String file, String text, FieldMapping mapping, Placeholders placeholders, List<Rule> out) {
        return parseAll(file, text, new Config(mapping, placeholders, Logsources.UNSCOPED), out);
    }

    public static RuleParser.Parsed parseAll(String file, String text, Config config, List<Rule> out) {
        SigmaParser parser = new SigmaParser(file, config);
        List<Rule> rules = parser.documents(text);
        if (parser.errors.isEmpty()) {
            out.addAll(rules);
        }
        return new RuleParser.Parsed(
                parser.errors.isEmpty() && !rules.isEmpty() ? rules.get(0) : null, parser.errors.list());
    }

    private List<Rule> documents(String text) {
        List<Node> nodes;
        try {
            nodes = YamlDocuments.all(text);
        } catch (RuleSyntaxException e) {
            errors.add(e.line(), e.getMessage());
            return List.of();
        }
        if (nodes.isEmpty()) {
            errors.add(1, "the Sigma file is empty");
            return List.of();
        }
        List<YamlMap> correlations = new ArrayList<>();
        List<Rule> rules = new ArrayList<>();
        for (Node node : nodes) {
            try {
                YamlMap top = YamlMap.of(node, "a Sigma rule");
                if (top.has("correlation")) {
                    correlations.add(top);
                    continue;
                }
                int before = errors.size();
                SigmaCompiler.Compiled.DetectionRule compiled =
                        compiler.detectionRule(reader.detectionRule(top), before);
                rules.add(compiled.rule());
                byReference.put(compiled.rule().id(), compiled);
                String name = top.has("name") ? YamlMap.text(top.get("name").value(), "name") : null;
                if (name != null) {
                    byReference.put(name, compiled);
                }
            } catch (RuleSyntaxException e) {
                errors.add(e);
            }
        }
        for (YamlMap top : correlations) {
            try {
                int before = errors.size();
                SigmaCompiler.Compiled.Correlation correlation =
                        compiler.correlation(reader.correlation(top), byReference, before);
                rules.add(correlation.rule());
                if (!correlation.generate()) {
                    // Sigma: rules a correlation refers to raise nothing alone unless it says generate: true
                    for (int i = 0; i < rules.size(); i++) {
                        Rule r = rules.get(i);
                        if (correlation.referenced().contains(r.id())) {
                            rules.set(i, r.withEnabled(false));
                        }
                    }
                }
            } catch (RuleSyntaxException e) {
                errors.add(e);
            }
        }
        return rules;
    }
}
