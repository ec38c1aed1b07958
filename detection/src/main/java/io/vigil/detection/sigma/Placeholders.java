package io.vigil.detection.sigma;

import io.vigil.detection.parse.YamlDocuments;
import io.vigil.detection.parse.YamlMap;
import io.vigil.detection.rule.RuleSyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values behind Sigma's {@code expand} modifier ({@code User|expand: '%admin_users%'}):
 * each placeholder names a list of values, kept in rules/sigma/placeholders.yml so a site can
 * say who its admins or what its servers are without editing the rules. A value with a
 * placeholder stands for every value the placeholder lists (any of them matches).
 */
public final class Placeholders {
    public static final String FILE_NAME = "placeholders.yml";
    /** No file: every placeholder is undefined. */
    public static final Placeholders NONE = new Placeholders(null, Map.of());

    private static final Pattern PLACEHOLDER = Pattern.compile("%([A-Za-z0-9_.-]+)%");
    private static final Map<Path, Placeholders> CACHE = new HashMap<>();

    private final Path source;
    private final Map<String, List<String>> values;

    private Placeholders(Path source, Map<String, List<String>> values) {
        this.source = source;
        this.values = values;
    }

    /** For tests and callers that hold the values already. */
    public static Placeholders of(Map<String, List<String>> values) {
        return new Placeholders(null, Map.copyOf(values));
    }

    /**
     * Every value {@code text} stands for: one per combination of its placeholders' values.
     *
     * @throws RuleSyntaxException when a placeholder is not defined, or the value has none
     */
    public List<String> expand(String text, int line) throws RuleSyntaxException {
        Matcher m = PLACEHOLDER.matcher(text);
        if (!m.find()) {
            throw new RuleSyntaxException(line, "expand needs a %placeholder% in the value, got '" + text + "'");
        }
        List<String> results = List.of("");
        int end = 0;
        m.reset();
        while (m.find()) {
            String between = text.substring(end, m.start());
            List<String> options = values.get(m.group(1));
            if (options == null) {
                throw new RuleSyntaxException(
                        line,
                        "placeholder '%" + m.group(1) + "%' is not defined (add it to " + FILE_NAME + ": " + describe()
                                + ")");
            }
            List<String> next = new ArrayList<>();
            for (String prefix : results) {
                for (String option : options) {
                    next.add(prefix + between + option);
                }
            }
            results = next;
            end = m.end();
        }
        String tail = text.substring(end);
        return results.stream().map(r -> r + tail).toList();
    }

    private String describe() {
        return source == null ? "no " + FILE_NAME + " found" : source.toString();
    }

    /** The placeholders that apply to a rule file (see {@link SigmaConfigFiles}), or none. */
    public static Placeholders forRuleFile(Path ruleFile) throws RuleSyntaxException {
        Optional<Path> file = SigmaConfigFiles.nearest(ruleFile, FILE_NAME);
        return file.isPresent() ? load(file.get()) : NONE;
    }

    /** Reads (once per run) a placeholder file: {@code name: [values]} or {@code name: value}. */
    public static Placeholders load(Path file) throws RuleSyntaxException {
        return SigmaConfigFiles.readOnce(CACHE, file, text -> {
            Map<String, List<String>> values = new HashMap<>();
            for (YamlMap.Entry entry : YamlMap.of(YamlDocuments.single(text, "placeholders"), FILE_NAME)
                    .entries()) {
                List<String> list = YamlMap.texts(entry.value(), entry.key());
                if (list.isEmpty()) {
                    throw new RuleSyntaxException(entry.line(), "placeholder '" + entry.key() + "' has no values");
                }
                values.put(entry.key(), List.copyOf(list));
            }
            return new Placeholders(file, values);
        });
    }
}
