package io.vigil.detection.sigma;

import io.vigil.common.Severity;
import io.vigil.detection.parse.RuleAttributes;
import io.vigil.detection.parse.RuleErrors;
import io.vigil.detection.parse.SelectionGrammar;
import io.vigil.detection.parse.YamlMap;
import io.vigil.detection.rule.RuleSyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The first phase of compiling a Sigma file: a YAML document into a {@link SigmaDocument}, with
 * the attributes checked that need no field mapping (id, level, tags, status, mode, logsource).
 * Problems of independent attributes are all recorded; a missing logsource or detection block
 * ends the document.
 */
record SigmaReader(String file, RuleErrors errors) {
    SigmaDocument.DetectionRule detectionRule(YamlMap top) throws RuleSyntaxException {
        SigmaDocument.Header header = header(top);
        Logsources.Logsource logsource = RuleAttributes.logsource(top.require("logsource", "a Sigma rule"));
        YamlMap.Entry detectionEntry = top.require("detection", "a Sigma rule");
        YamlMap block = YamlMap.of(detectionEntry.value(), "detection");
        SelectionGrammar.Block parts = SelectionGrammar.Block.of(block, Set.of("condition", "timeframe"));
        return new SigmaDocument.DetectionRule(
                top, header, logsource, block, parts.selections(), parts.get("condition"), parts.get("timeframe"));
    }

    SigmaDocument.Correlation correlation(YamlMap top) throws RuleSyntaxException {
        SigmaDocument.Header header = header(top);
        YamlMap body = YamlMap.of(top.get("correlation").value(), "correlation");
        String type = body.text("type", "correlation", true);
        YamlMap.Entry rules = body.require("rules", "correlation");
        return new SigmaDocument.Correlation(top, header, body, type, rules, YamlMap.texts(rules.value(), "rules"));
    }

    /** What detection and correlation rules share: id, title, level, tags, status; null when any is wrong. */
    private SigmaDocument.Header header(YamlMap top) {
        int before = errors.size();
        String title = errors.attempt(() -> top.text("title", "a Sigma rule", true));
        String id = errors.attempt(() -> id(top, title));
        String description = errors.attempt(() -> {
            String d = top.text("description", "a Sigma rule", false);
            return d == null ? "" : d.trim();
        });
        Severity severity = errors.attempt(() -> {
            YamlMap.Entry level = top.get("level");
            if (level == null) {
                return Severity.MEDIUM; // Sigma leaves level optional; medium is its own middle ground
            }
            String text = YamlMap.text(level.value(), "level");
            return SigmaLevels.severity(text)
                    .orElseThrow(() -> new RuleSyntaxException(
                            level.line(), "level '" + text + "' must be informational, low, medium, high or critical"));
        });
        List<String> tags = errors.attempt(
                () -> RuleAttributes.tags(top.get("tags"), true, "like attack.t1110 or attack.credential-access"));
        Boolean enabled = errors.attempt(() -> {
            String status = top.text("status", "a Sigma rule", false);
            // deprecated and unsupported rules are kept in the catalogue but not run, as Sigma intends
            return status == null || !(status.equals("deprecated") || status.equals("unsupported"));
        });
        // mode: live | shadow, as in native rules (a custom attribute, which Sigma allows)
        Boolean shadow = errors.attempt(() -> RuleAttributes.shadowMode(top));
        return errors.size() > before
                ? null
                : new SigmaDocument.Header(id, title, description, severity, tags, enabled, shadow);
    }

    /** Sigma ids are UUIDs, which are valid Vigil ids; a rule without one is named after its file. */
    private String id(YamlMap top, String title) throws RuleSyntaxException {
        if (top.has("id")) {
            String id = YamlMap.text(top.get("id").value(), "id").toLowerCase(Locale.ROOT);
            if (!RuleAttributes.isId(id)) {
                throw new RuleSyntaxException(
                        top.get("id").line(), "id '" + id + "' must be a UUID or lower-case letters, digits and '-'");
            }
            return id;
        }
        String base = top.has("name")
                ? YamlMap.text(top.get("name").value(), "name")
                : Path.of(file).getFileName().toString().replaceFirst("\\.ya?ml$", "");
        String derived =
                base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (derived.isEmpty()) {
            throw new RuleSyntaxException(top.line(), "the rule needs an id");
        }
        return derived.length() > 64 ? derived.substring(0, 64) : derived;
    }
}
