package io.vigil.detection.condition;

import io.vigil.common.Fields;
import io.vigil.detection.rule.RuleSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.PatternSyntaxException;

/**
 * Builds the parts of a Sigma selection: {@code field|modifier|...: value or [values]} entries
 * (ANDed by the caller) and keyword lists (free text in {@code message}). Every mistake is
 * reported with the line it is on.
 */
public final class Selections {
    /** Modifiers that say how a value is compared; at most one per field. */
    private static final List<String> VALUE_MODIFIERS =
            List.of("contains", "startswith", "endswith", "re", "cidr", "gt", "gte", "lt", "lte", "exists");
    private static final String ALL = "all";

    private Selections() {
    }

    /**
     * One selection entry.
     *
     * @param key    {@code field} or {@code field|modifier|...}
     * @param values the value, or the list's values (String, Long, Double, Boolean or null)
     * @param line   where the entry is, for errors
     */
    public static Condition field(String key, List<Object> values, int line) throws RuleSyntaxException {
        String[] parts = key.split("\\|", -1);
        String field = parts[0].trim();
        checkField(field, line);
        String valueModifier = null;
        boolean all = false;
        for (int i = 1; i < parts.length; i++) {
            String modifier = parts[i].trim();
            if (modifier.equals(ALL)) {
                if (all) {
                    throw new RuleSyntaxException(line, "modifier 'all' given twice on " + field);
                }
                all = true;
            } else if (VALUE_MODIFIERS.contains(modifier)) {
                if (valueModifier != null) {
                    throw new RuleSyntaxException(line, "modifiers '" + valueModifier + "' and '" + modifier
                            + "' cannot be combined on " + field);
                }
                valueModifier = modifier;
            } else {
                throw new RuleSyntaxException(line, "unknown modifier '" + modifier + "' on " + field
                        + " (known: " + String.join(", ", VALUE_MODIFIERS) + ", all)");
            }
        }
        if (values.isEmpty()) {
            throw new RuleSyntaxException(line, field + " has an empty list of values");
        }
        List<ValueMatcher> matchers = new ArrayList<>();
        for (Object value : values) {
            matchers.add(matcher(field, valueModifier, value, line));
        }
        return new FieldMatcher(field, matchers, all);
    }

    /** A list of plain strings: any of them occurring in {@code message} (case-insensitive). */
    public static Condition keywords(List<String> words) {
        List<ValueMatcher> matchers = new ArrayList<>();
        for (String word : words) {
            matchers.add(ValueMatchers.contains(word));
        }
        return new FieldMatcher(Fields.MESSAGE, matchers, false);
    }

    /** A single numeric comparison, as threshold rules state theirs. */
    public static Condition compare(String field, Comparison comparison, double bound, int line) throws RuleSyntaxException {
        checkField(field, line);
        return new FieldMatcher(field, List.of(ValueMatchers.compare(comparison, bound)), false);
    }

    public static void checkField(String field, int line) throws RuleSyntaxException {
        if (!EventFields.isKnown(field)) {
            String guess = EventFields.closest(field);
            throw new RuleSyntaxException(line, "unknown field '" + field + "'"
                    + (guess != null ? " (did you mean '" + guess + "'?)" : " (see docs/schema.md for the fields rules can use)"));
        }
    }

    private static ValueMatcher matcher(String field, String modifier, Object value, int line) throws RuleSyntaxException {
        if (modifier == null) {
            return ValueMatchers.equalTo(value);
        }
        if (modifier.equals("exists")) {
            if (!(value instanceof Boolean)) {
                throw new RuleSyntaxException(line, field + "|exists needs true or false, got " + describe(value));
            }
            return ValueMatchers.exists((Boolean) value);
        }
        Optional<Comparison> comparison = Comparison.fromModifier(modifier);
        if (comparison.isPresent()) {
            Double bound = value instanceof Boolean ? null : ValueMatchers.asNumber(value);
            if (bound == null) {
                throw new RuleSyntaxException(line, field + "|" + modifier + " needs a number, got " + describe(value));
            }
            return ValueMatchers.compare(comparison.get(), bound);
        }
        if (value == null || value instanceof Boolean) {
            throw new RuleSyntaxException(line, field + "|" + modifier + " needs text, got " + describe(value));
        }
        String text = value.toString();
        switch (modifier) {
            case "contains":
                return ValueMatchers.contains(text);
            case "startswith":
                return ValueMatchers.startsWith(text);
            case "endswith":
                return ValueMatchers.endsWith(text);
            case "re":
                try {
                    return ValueMatchers.regex(text);
                } catch (PatternSyntaxException e) {
                    throw new RuleSyntaxException(line, "bad regular expression '" + text + "' on " + field + ": "
                            + e.getDescription() + (e.getIndex() >= 0 ? " at index " + e.getIndex() : ""));
                }
            case "cidr":
                try {
                    return ValueMatchers.cidr(text);
                } catch (IllegalArgumentException e) {
                    throw new RuleSyntaxException(line, "bad CIDR network on " + field + ": " + e.getMessage());
                }
            default:
                throw new IllegalStateException(modifier);
        }
    }

    private static String describe(Object value) {
        return value == null ? "null" : value instanceof String ? "'" + value + "'" : value.toString();
    }
}
