package io.vigil.detection.sigma;

import io.vigil.detection.condition.EventFields;
import io.vigil.detection.parse.YamlDocuments;
import io.vigil.detection.parse.YamlMap;
import io.vigil.detection.rule.RuleSyntaxException;
import io.vigil.detection.sigma.Logsources.Logsource;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sigma field names to Vigil's, per logsource (rules/sigma/field-mapping.yml). Lookup order is
 * service, category, product, default: the narrower the logsource part, the more it knows
 * about what a name means there.
 */
public final class FieldMapping {
    public static final String FILE_NAME = "field-mapping.yml";
    /** Only Vigil's own field names: what a Sigma rule gets without a mapping file. */
    public static final FieldMapping NONE = new FieldMapping(null, Map.of(), Map.of(), Map.of(), Map.of());

    private static final Set<String> SECTIONS = Set.of("default", "product", "category", "service");

    private final Path source;
    private final Map<String, String> defaults;
    private final Map<String, Map<String, String>> products;
    private final Map<String, Map<String, String>> categories;
    private final Map<String, Map<String, String>> services;

    private FieldMapping(
            Path source,
            Map<String, String> defaults,
            Map<String, Map<String, String>> products,
            Map<String, Map<String, String>> categories,
            Map<String, Map<String, String>> services) {
        this.source = source;
        this.defaults = defaults;
        this.products = products;
        this.categories = categories;
        this.services = services;
    }

    /**
     * Where a Sigma field goes: a Vigil field, which may keep only the last segment of the path
     * the Sigma field holds ({@code Image: basename(process.name)}: Sigma's Image is
     * {@code /usr/bin/curl}, Vigil's process.name is {@code curl}), or which only events the job
     * parsed carry ({@code cs-uri-query: url.query or message}: a line no parser knew keeps the
     * request only in its message, where {@code contains} and {@code re} still find it).
     */
    public record Target(String field, boolean basename, boolean orMessage) {
        private static final Pattern BASENAME = Pattern.compile("basename\\(\\s*([^)\\s]+)\\s*\\)");
        private static final Pattern OR_MESSAGE = Pattern.compile("(\\S+)\\s+or\\s+message");

        static Target parse(String text) {
            Matcher basename = BASENAME.matcher(text.trim());
            if (basename.matches()) {
                return new Target(basename.group(1), true, false);
            }
            Matcher orMessage = OR_MESSAGE.matcher(text.trim());
            return orMessage.matches()
                    ? new Target(orMessage.group(1), false, true)
                    : new Target(text.trim(), false, false);
        }
    }

    /** The Vigil field for a Sigma field under the logsource, if there is one. */
    public Optional<String> resolve(Logsource logsource, String sigmaField) {
        return target(logsource, sigmaField).map(Target::field);
    }

    /** The mapping target of a Sigma field under the logsource, if there is one. */
    public Optional<Target> target(Logsource logsource, String sigmaField) {
        for (Map<String, String> table : List.of(
                section(services, logsource.service()),
                section(categories, logsource.category()),
                section(products, logsource.product()),
                defaults)) {
            String target = table.get(sigmaField);
            if (target != null) {
                return Optional.of(Target.parse(target));
            }
        }
        return EventFields.isKnown(sigmaField) ? Optional.of(new Target(sigmaField, false, false)) : Optional.empty();
    }

    /** Where the mapping came from, for error messages. */
    public String describe() {
        return source == null ? "no " + FILE_NAME + " found" : source.toString();
    }

    private static Map<String, String> section(Map<String, Map<String, String>> sections, String key) {
        return key == null ? Map.of() : sections.getOrDefault(key, Map.of());
    }

    /**
     * The mapping that applies to a rule file: the nearest {@value #FILE_NAME} (see
     * {@link SigmaConfigFiles}), else none.
     */
    public static FieldMapping forRuleFile(Path ruleFile) throws RuleSyntaxException {
        Optional<Path> file = SigmaConfigFiles.nearest(ruleFile, FILE_NAME);
        return file.isPresent() ? load(file.get()) : NONE;
    }

    private static final Map<Path, FieldMapping> CACHE = new HashMap<>();

    /** Reads (once per run) and checks a mapping file: every target must be a Vigil field. */
    public static FieldMapping load(Path file) throws RuleSyntaxException {
        return SigmaConfigFiles.readOnce(CACHE, file, text -> {
            YamlMap top = YamlMap.of(YamlDocuments.single(text, "a field mapping"), FILE_NAME);
            top.allowOnly(SECTIONS, FILE_NAME);
            Map<String, String> defaults = top.has("default") ? table(top.get("default")) : Map.of();
            return new FieldMapping(
                    file,
                    defaults,
                    sections(top.get("product")),
                    sections(top.get("category")),
                    sections(top.get("service")));
        });
    }

    private static Map<String, Map<String, String>> sections(YamlMap.Entry entry) throws RuleSyntaxException {
        Map<String, Map<String, String>> sections = new HashMap<>();
        if (entry == null) {
            return sections;
        }
        for (YamlMap.Entry section : YamlMap.of(entry.value(), entry.key()).entries()) {
            sections.put(section.key(), table(section));
        }
        return sections;
    }

    private static Map<String, String> table(YamlMap.Entry entry) throws RuleSyntaxException {
        Map<String, String> table = new HashMap<>();
        for (YamlMap.Entry field : YamlMap.of(entry.value(), entry.key()).entries()) {
            String target = YamlMap.text(field.value(), field.key());
            if (!EventFields.isKnown(Target.parse(target).field())) {
                throw new RuleSyntaxException(
                        field.line(),
                        field.key() + " maps to '" + target + "', which is not a Vigil field (see docs/schema.md)");
            }
            table.put(field.key(), target);
        }
        return table;
    }
}
