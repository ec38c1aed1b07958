package io.vigil.detection.sigma;

import io.vigil.common.Fields;
import io.vigil.detection.condition.Modifier;
import io.vigil.detection.parse.YamlMap;
import io.vigil.detection.rule.RuleSyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * The second phase of compiling a Sigma file: Sigma's field names and logsources into Vigil's,
 * by {@code field-mapping.yml}, {@code placeholders.yml} and {@code logsources.yml}. It decides
 * which events a rule sees and whether it is dormant (its source is not read, or it tests a field
 * Vigil does not keep). The compiler asks it field by field, so a file's errors come in the
 * order its entries are written.
 */
final class SigmaFieldMapper {
    private final SigmaParser.Config config;

    SigmaFieldMapper(SigmaParser.Config config) {
        this.config = config;
    }

    /**
     * One selection entry with Vigil's names: the field it tests and how (see
     * {@link FieldMapping.Target}), its modifiers read and its placeholders expanded.
     *
     * @param target    null for keywords, which search {@code message}
     * @param sigmaName the Sigma field, for errors
     */
    record MappedField(
            FieldMapping.Target target, String sigmaName, String key, List<Modifier> modifiers, List<Object> values) {
        static final MappedField NEVER = new MappedField(null, null, null, null, null);
    }

    /** The mapping for one detection rule: it learns, field by field, whether the rule is dormant. */
    RuleFields forRule(Logsources.Logsource logsource) {
        return new RuleFields(logsource);
    }

    /** A Sigma field of a rule of this logsource as Vigil's, or the error that says where to map it. */
    String mapped(String sigmaField, Logsources.Logsource logsource, int line) throws RuleSyntaxException {
        return config.mapping().resolve(logsource, sigmaField).orElseThrow(() -> unmapped(sigmaField, logsource, line));
    }

    private RuleSyntaxException unmapped(String sigmaField, Logsources.Logsource logsource, int line) {
        return new RuleSyntaxException(
                line,
                "unmapped field '" + sigmaField + "' for " + logsource + " (add it to " + FieldMapping.FILE_NAME + ": "
                        + config.mapping().describe() + ")");
    }

    final class RuleFields {
        private final Logsources.Logsource logsource;
        private final Logsources.Scope scope;
        /** Why the rule can never match, or null while it can. */
        private String dormant;

        private RuleFields(Logsources.Logsource logsource) {
            this.logsource = logsource;
            this.scope = config.logsources().scope(logsource);
            this.dormant = scope instanceof Logsources.Dormant d ? d.reason() : null;
        }

        Logsources.Logsource logsource() {
            return logsource;
        }

        /** Why the rule can never match (its logsource, or a field it tests), or null. */
        String dormant() {
            return dormant;
        }

        /** Which events the rule sees, while it is not dormant. */
        io.vigil.detection.condition.Condition when() {
            return ((Logsources.Active) scope).when();
        }

        /** One {@code field|modifiers: values} entry; {@link MappedField#NEVER} once the rule is dormant. */
        MappedField field(YamlMap.Entry entry) throws RuleSyntaxException {
            String key = entry.key();
            int bar = key.indexOf('|');
            String name = (bar < 0 ? key : key.substring(0, bar)).trim();
            String written = bar < 0 ? "" : key.substring(bar);
            List<Object> values = YamlMap.scalars(entry.value(), key);
            if (scope instanceof Logsources.Active active && active.notKept().contains(name) && dormant == null) {
                dormant = "tests '" + name + "', which Vigil does not keep for " + logsource + " ("
                        + Logsources.FILE_NAME + ")";
            }
            if (dormant != null) {
                // The rule cannot match whatever this field says: its names need not map (they are
                // the source's, which Vigil does not read), its syntax is still checked where it can be.
                return MappedField.NEVER;
            }
            if (Modifier.mentions(written, Modifier.EXPAND)) {
                // placeholders are resolved here, so the matchers only ever see the site's real values
                values = expanded(values, key, entry.line());
            }
            if (name.isEmpty()) {
                // '|all: [a, b]' and the like: keywords with modifiers
                List<Modifier> modifiers = withoutExpand(Modifier.parse(written, Fields.MESSAGE, entry.line()));
                return new MappedField(null, name, key, modifiers, values);
            }
            FieldMapping.Target target =
                    config.mapping().target(logsource, name).orElseThrow(() -> unmapped(name, logsource, entry.line()));
            List<Modifier> modifiers = withoutExpand(Modifier.parse(written, target.field(), entry.line()));
            boolean fieldref = modifiers.contains(Modifier.FIELDREF);
            if ((target.basename() || target.orMessage()) && !fieldref) {
                return new MappedField(target, name, key, modifiers, values);
            }
            if (target.field().equals(Fields.MESSAGE)
                    && !name.equals(Fields.MESSAGE)
                    && !(modifiers.contains(Modifier.CONTAINS) || modifiers.contains(Modifier.RE))) {
                throw new RuleSyntaxException(
                        entry.line(),
                        "field '" + name + "' is only searchable in message for " + logsource
                                + ": it needs |contains or |re");
            }
            if (fieldref) {
                List<Object> refs = new ArrayList<>();
                for (Object value : values) {
                    refs.add(value == null ? null : mapped(value.toString(), logsource, entry.line()));
                }
                values = refs;
            }
            return new MappedField(target, name, key, modifiers, values);
        }

        /** A dormant rule's fields are its source's, which Vigil does not read: they need no mapping. */
        String mappedUnlessDormant(String sigmaField, int line) throws RuleSyntaxException {
            return dormant != null ? sigmaField : mapped(sigmaField, logsource, line);
        }
    }

    /** The modifiers without {@code expand}, which this phase resolves. */
    private static List<Modifier> withoutExpand(List<Modifier> modifiers) {
        return modifiers.stream().filter(m -> m != Modifier.EXPAND).toList();
    }

    private List<Object> expanded(List<Object> values, String key, int line) throws RuleSyntaxException {
        List<Object> out = new ArrayList<>();
        for (Object value : values) {
            if (!(value instanceof String)) {
                throw new RuleSyntaxException(line, key + " needs a %placeholder% text, got " + value);
            }
            out.addAll(config.placeholders().expand((String) value, line));
        }
        return out;
    }
}
