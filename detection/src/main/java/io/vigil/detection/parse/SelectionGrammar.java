package io.vigil.detection.parse;

import io.vigil.detection.condition.Condition;
import io.vigil.detection.rule.RuleSyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The shape of a named selection, which native and Sigma detection blocks share: a mapping of
 * field matchers (ANDed), a list of such mappings (ORed), or a list of keywords. What one field
 * entry or one keyword list compiles to is the dialect's: native fields are Vigil's, Sigma's go
 * through the field mapping first.
 */
public final class SelectionGrammar {
    /** What the entries of a selection compile to in one rule language. */
    public interface Dialect {
        /** One {@code field|modifier...: value or [values]} entry. */
        Condition field(YamlMap.Entry field) throws RuleSyntaxException;

        /** The selection's keyword list (a list of scalars, or one scalar where {@link #scalarIsKeyword}). */
        Condition keywords(YamlMap.Entry selection) throws RuleSyntaxException;

        /** Sigma reads {@code keywords: text} as a list of one keyword; native rules refuse it. */
        boolean scalarIsKeyword();

        /**
         * In a detection block, whether every bad field of a list of mappings is reported (Sigma) or
         * only the first (native); every bad field of a mapping is reported in both.
         */
        boolean reportsEachAlternative();

        /** A selection's name, checked before the selection is (native names are identifiers). */
        default void checkName(YamlMap.Entry selection) throws RuleSyntaxException {}
    }

    /**
     * A detection block's entries: its selections in the order written, and the entries under
     * the dialect's own keys ({@code condition}, Sigma's {@code timeframe}).
     */
    public record Block(List<YamlMap.Entry> selections, Map<String, YamlMap.Entry> reserved) {
        public static Block of(YamlMap block, Set<String> reservedKeys) {
            List<YamlMap.Entry> selections = new ArrayList<>();
            Map<String, YamlMap.Entry> reserved = new HashMap<>();
            for (YamlMap.Entry item : block.entries()) {
                if (reservedKeys.contains(item.key())) {
                    reserved.put(item.key(), item);
                } else {
                    selections.add(item);
                }
            }
            return new Block(List.copyOf(selections), reserved);
        }

        /** The entry under one of the reserved keys, or null. */
        public YamlMap.Entry get(String key) {
            return reserved.get(key);
        }
    }

    /**
     * A block's selections compiled, by name.
     *
     * @param failed whether any selection had errors (they are recorded); a failed selection
     *     stands as {@link Condition#ALWAYS}, so the condition over the selections is still checked
     */
    public record Compiled(Map<String, Condition> byName, boolean failed) {}

    /** Every selection of a block, each checked whatever the others hold. */
    public static Compiled selections(List<YamlMap.Entry> items, Dialect dialect, RuleErrors errors) {
        Map<String, Condition> byName = new LinkedHashMap<>();
        boolean failed = false;
        for (YamlMap.Entry item : items) {
            try {
                dialect.checkName(item);
            } catch (RuleSyntaxException e) {
                errors.add(e);
                failed = true;
                continue;
            }
            RuleErrors each = item.value() instanceof MappingNode || dialect.reportsEachAlternative() ? errors : null;
            Condition selection = errors.attempt(() -> selection(item, dialect, each));
            failed |= selection == null;
            byName.put(item.key(), selection == null ? Condition.ALWAYS : selection);
        }
        return new Compiled(byName, failed);
    }

    private SelectionGrammar() {}

    /**
     * One selection compiled.
     *
     * @param errors where each bad field is recorded while the others are still checked (then a
     *     failed selection ends with {@link RuleErrors.AlreadyReported}); null to stop at the first
     *     bad field, whose error is thrown
     */
    public static Condition selection(YamlMap.Entry item, Dialect dialect, RuleErrors errors)
            throws RuleSyntaxException {
        Node node = item.value();
        String what = "selection '" + item.key() + "'";
        if (node instanceof MappingNode) {
            return fields(YamlMap.of(node, what), item, dialect, errors);
        }
        if (node instanceof SequenceNode && !((SequenceNode) node).getValue().isEmpty()) {
            List<Node> items = ((SequenceNode) node).getValue();
            if (items.stream().allMatch(n -> n instanceof MappingNode)) {
                List<Condition> alternatives = new ArrayList<>();
                for (Node alternative : items) {
                    RuleErrors.Part<Condition> part =
                            () -> fields(YamlMap.of(alternative, what), item, dialect, errors);
                    alternatives.add(errors == null ? part.get() : errors.attempt(part));
                }
                if (alternatives.contains(null)) {
                    throw new RuleErrors.AlreadyReported();
                }
                return Condition.or(alternatives);
            }
            if (items.stream().allMatch(n -> n instanceof ScalarNode)) {
                return dialect.keywords(item);
            }
        }
        if (node instanceof ScalarNode && dialect.scalarIsKeyword()) {
            return dialect.keywords(item);
        }
        throw new RuleSyntaxException(
                item.line(),
                what + " must be a mapping of field: value, a list of such mappings, or a list of keywords");
    }

    private static Condition fields(YamlMap map, YamlMap.Entry item, Dialect dialect, RuleErrors errors)
            throws RuleSyntaxException {
        List<Condition> all = new ArrayList<>();
        for (YamlMap.Entry field : map.entries()) {
            all.add(errors == null ? dialect.field(field) : errors.attempt(() -> dialect.field(field)));
        }
        if (all.isEmpty()) {
            // reported where the selection is named; at the first bad field, where the mapping is
            throw new RuleSyntaxException(
                    errors == null ? map.line() : item.line(), "selection '" + item.key() + "' is empty");
        }
        if (all.contains(null)) {
            throw new RuleErrors.AlreadyReported();
        }
        return Condition.and(all);
    }
}
