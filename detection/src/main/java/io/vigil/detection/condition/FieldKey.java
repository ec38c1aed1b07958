package io.vigil.detection.condition;

import io.vigil.detection.rule.RuleSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A selection key's modifiers sorted by what they do, checked in the order written: at most one
 * comparison, {@code all} once, transformations before the comparison (but {@code windash} may
 * follow a substring comparison), regular expression flags only after {@code re}.
 *
 * @param comparison how values are compared, or null for equality
 * @param transforms the value's transformations, in the order written
 */
record FieldKey(
        String field, Modifier comparison, boolean all, boolean cased, int regexFlags, List<Modifier> transforms) {
    private static final List<Modifier> SUBSTRING = List.of(Modifier.CONTAINS, Modifier.STARTSWITH, Modifier.ENDSWITH);
    private static final Map<Modifier, Integer> REGEX_FLAGS = Map.of(
            Modifier.I,
            LinearRegex.CASE_INSENSITIVE,
            Modifier.M,
            LinearRegex.MULTILINE,
            Modifier.S,
            LinearRegex.DOTALL);

    static FieldKey of(String field, List<Modifier> modifiers, int line) throws RuleSyntaxException {
        Modifier comparison = null;
        boolean all = false;
        boolean cased = false;
        int regexFlags = 0;
        List<Modifier> transforms = new ArrayList<>();
        for (Modifier modifier : modifiers) {
            switch (modifier.role()) {
                case ALL:
                    if (all) {
                        throw new RuleSyntaxException(line, "modifier 'all' given twice on " + field);
                    }
                    all = true;
                    break;
                case COMPARISON:
                    if (comparison != null) {
                        throw new RuleSyntaxException(
                                line,
                                "modifiers '" + comparison.written() + "' and '" + modifier.written()
                                        + "' cannot be combined on " + field);
                    }
                    comparison = modifier;
                    break;
                case TRANSFORM:
                    // windash only swaps dashes, so it commutes with a comparison (SigmaHQ writes 'contains|windash');
                    // an encoding applied after a comparison would have to encode its wildcards, which means nothing
                    if (comparison != null && !(modifier == Modifier.WINDASH && SUBSTRING.contains(comparison))) {
                        throw new RuleSyntaxException(
                                line,
                                "'" + modifier.written() + "' transforms the value, so it must come before '"
                                        + comparison.written() + "' on " + field);
                    }
                    transforms.add(modifier);
                    break;
                case CASED:
                    cased = true;
                    break;
                case REGEX_FLAG:
                    if (comparison != Modifier.RE) {
                        throw Modifier.unknown(modifier.written(), field, line);
                    }
                    regexFlags |= REGEX_FLAGS.get(modifier);
                    break;
                default:
                    // expand is resolved by the Sigma compiler before a key gets here
                    throw Modifier.unknown(modifier.written(), field, line);
            }
        }
        return new FieldKey(field, comparison, all, cased, regexFlags, List.copyOf(transforms));
    }
}
