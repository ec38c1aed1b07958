package io.vigil.detection.sigma;

import io.vigil.detection.condition.Condition;
import io.vigil.detection.condition.Modifier;
import io.vigil.detection.condition.Selections;
import io.vigil.detection.rule.RuleSyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Tests on a Sigma field that holds a whole path ({@code Image}, {@code exe}) rewritten for a
 * Vigil field that keeps only the program's name ({@code process.name}). A test about the name
 * carries over: {@code Image|endswith: '/curl'} and {@code Image: '/usr/bin/curl'} become
 * {@code process.name: curl}; {@code |endswith: 'curl'} or {@code |contains: 'python'} stay as
 * they are. Dropping the directory makes such a rule broader (a {@code /tmp/curl} matches too),
 * never blind. A test only the directory can decide ({@code |startswith: '/tmp/'},
 * {@code |contains: '/bin/'}, a regular expression) is an error: it could never fire correctly.
 */
final class BasenameValues {
    private static final List<Modifier> NAME_SAFE = List.of(Modifier.CONTAINS, Modifier.STARTSWITH);

    private BasenameValues() {}

    /**
     * @param field     the Vigil field (which holds a basename)
     * @param sigmaName the Sigma field, for errors
     * @param modifiers the key's modifiers, possibly none
     */
    static Condition condition(String field, String sigmaName, List<Modifier> modifiers, List<Object> values, int line)
            throws RuleSyntaxException {
        List<Modifier> parts = new ArrayList<>(modifiers);
        boolean all = parts.remove(Modifier.ALL);
        Modifier comparison = parts.isEmpty() ? null : parts.get(0);
        for (Modifier other : parts.subList(parts.isEmpty() ? 0 : 1, parts.size())) {
            if (other != Modifier.CASED) {
                throw new RuleSyntaxException(
                        line,
                        sigmaName + Modifier.written(parts) + " cannot be tested on " + field
                                + ", which holds only the program's name, not its path");
            }
        }
        List<Modifier> rest = parts.contains(Modifier.CASED) ? List.of(Modifier.CASED) : List.of();
        List<Condition> tests = new ArrayList<>();
        for (Object value : values) {
            if (!(value instanceof String)) {
                // null (absent), exists: true/false, numbers: nothing about a path to translate
                tests.add(Selections.field(
                        field,
                        modifiers.stream().filter(m -> m != Modifier.ALL).toList(),
                        Collections.singletonList(value),
                        line,
                        Selections.Dialect.SIGMA));
                continue;
            }
            String text = (String) value;
            int slash = text.lastIndexOf('/');
            String name = text.substring(slash + 1);
            if (comparison == null || comparison == Modifier.ENDSWITH && slash >= 0) {
                if (name.isEmpty()) {
                    throw new RuleSyntaxException(
                            line, sigmaName + " value '" + text + "' names a directory, not a program");
                }
                // the part after the last '/' is the whole name
                tests.add(Selections.field(field, rest, List.of(name), line, Selections.Dialect.SIGMA));
            } else if (slash < 0 && (comparison == Modifier.ENDSWITH || NAME_SAFE.contains(comparison))) {
                List<Modifier> test = new ArrayList<>(List.of(comparison));
                test.addAll(rest);
                tests.add(Selections.field(field, test, List.of(text), line, Selections.Dialect.SIGMA));
            } else {
                throw new RuleSyntaxException(
                        line,
                        sigmaName + "|" + comparison.written() + " '" + text + "' cannot be tested on " + field
                                + ", which holds only the program's name, not its path");
            }
        }
        return all ? Condition.and(tests) : Condition.or(tests);
    }
}
