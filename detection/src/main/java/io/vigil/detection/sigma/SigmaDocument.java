package io.vigil.detection.sigma;

import io.vigil.common.Severity;
import io.vigil.detection.parse.YamlMap;
import java.util.List;

/**
 * One YAML document of a Sigma file as read, before its fields are mapped to Vigil's: a detection
 * rule or a correlation. Every part keeps its line, so the later phases report {@code file:line}.
 */
sealed interface SigmaDocument {
    /** The document itself, for its line and the attributes a later phase reads. */
    YamlMap top();

    /**
     * What detection and correlation rules share: id, title, level, tags, status, mode.
     *
     * @param enabled false for {@code status: deprecated} or {@code unsupported}
     * @param shadow  {@code mode: shadow}
     */
    record Header(
            String id,
            String title,
            String description,
            Severity severity,
            List<String> tags,
            boolean enabled,
            boolean shadow) {}

    /**
     * A detection rule: its logsource and its detection block, split into selections, the
     * condition and (for the legacy {@code | count()} form) the timeframe.
     *
     * @param header    null when it had errors (they are reported)
     * @param condition null when the block has none
     * @param timeframe null when the block has none
     */
    record DetectionRule(
            YamlMap top,
            Header header,
            Logsources.Logsource logsource,
            YamlMap detection,
            List<YamlMap.Entry> selections,
            YamlMap.Entry condition,
            YamlMap.Entry timeframe)
            implements SigmaDocument {}

    /**
     * A correlation over the file's detection rules, named by {@code name} or {@code id}.
     *
     * @param header null when it had errors (they are reported)
     * @param rules  the {@code rules} entry, for its line
     * @param refs   the names or ids it lists
     */
    record Correlation(YamlMap top, Header header, YamlMap body, String type, YamlMap.Entry rules, List<String> refs)
            implements SigmaDocument {}
}
