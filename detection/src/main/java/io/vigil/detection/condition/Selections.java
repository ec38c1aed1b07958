package io.vigil.detection.condition;

import io.vigil.common.Fields;
import io.vigil.detection.rule.RuleSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the parts of a Sigma selection: {@code field|modifier|...: value or [values]} entries
 * (ANDed by the caller) and keyword lists (free text in {@code message}). Every mistake is
 * reported with the line it is on.
 */
public final class Selections {
    /** Modifiers that say how a value is compared; at most one per field. */
    private static final List<String> VALUE_MODIFIERS =
            List.of("contains", "startswith", "endswith", "re", "cidr", "gt", "gte", "lt", "lte", "exists", "fieldref");
    /** The comparisons a transformed or {@code cased} value can go with. */
    private static final List<String> TEXT_MODIFIERS = List.of("contains", "startswith", "endswith", "fieldref");

    private static final String CASED = "cased";
    private static final String WINDASH = "windash";
    private static final List<String> SUBSTRING_MODIFIERS = List.of("contains", "startswith", "endswith");
    /** Sigma's regular expression flags, written as modifiers after {@code re}: {@code re|i}. */
    private static final java.util.Map<String, Integer> REGEX_FLAGS =
            java.util.Map.of("i", LinearRegex.CASE_INSENSITIVE, "m", LinearRegex.MULTILINE, "s", LinearRegex.DOTALL);

    private static final String ALL = "all";

    private Selections() {}

    /**
     * One selection entry.
     *
     * @param key    {@code field} or {@code field|modifier|...}
     * @param values the value, or the list's values (String, Long, Double, Boolean or null)
     * @param line   where the entry is, for errors
     */
    public static Condition field(String key, List<Object> values, int line) throws RuleSyntaxException {
        return field(key, values, line, Dialect.NATIVE);
    }

    /**
     * Native rules and Sigma rules share every modifier; they differ only in whether
     * {@code contains}/{@code startswith}/{@code endswith} values keep Sigma's wildcards (Sigma
     * does, the native language documents them as plain substrings and must not change).
     */
    public enum Dialect {
        NATIVE,
        SIGMA
    }

    public static Condition field(String key, List<Object> values, int line, Dialect dialect)
            throws RuleSyntaxException {
        String[] parts = key.split("\\|", -1);
        String field = parts[0].trim();
        checkField(field, line);
        String valueModifier = null;
        boolean all = false;
        boolean cased = false;
        int regexFlags = 0;
        List<String> transforms = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            String modifier = parts[i].trim();
            if (modifier.equals(ALL)) {
                if (all) {
                    throw new RuleSyntaxException(line, "modifier 'all' given twice on " + field);
                }
                all = true;
            } else if (VALUE_MODIFIERS.contains(modifier)) {
                if (valueModifier != null) {
                    throw new RuleSyntaxException(
                            line,
                            "modifiers '" + valueModifier + "' and '" + modifier + "' cannot be combined on " + field);
                }
                valueModifier = modifier;
            } else if (ValueTransforms.NAMES.contains(modifier)) {
                // windash only swaps dashes, so it commutes with a comparison (SigmaHQ writes 'contains|windash');
                // an encoding applied after a comparison would have to encode its wildcards, which means nothing
                if (valueModifier != null
                        && !(modifier.equals(WINDASH) && SUBSTRING_MODIFIERS.contains(valueModifier))) {
                    throw new RuleSyntaxException(
                            line,
                            "'" + modifier + "' transforms the value, so it must come before '" + valueModifier
                                    + "' on " + field);
                }
                transforms.add(modifier);
            } else if (modifier.equals(CASED)) {
                cased = true;
            } else if (REGEX_FLAGS.containsKey(modifier) && "re".equals(valueModifier)) {
                regexFlags |= REGEX_FLAGS.get(modifier);
            } else {
                throw new RuleSyntaxException(
                        line,
                        "unknown modifier '" + modifier + "' on " + field
                                + " (known: " + String.join(", ", VALUE_MODIFIERS) + ", all, cased, "
                                + String.join(", ", ValueTransforms.NAMES) + "; i, m, s after re)");
            }
        }
        if (values.isEmpty()) {
            throw new RuleSyntaxException(line, field + " has an empty list of values");
        }
        if (cased && valueModifier != null && !TEXT_MODIFIERS.contains(valueModifier)) {
            throw new RuleSyntaxException(
                    line,
                    "'cased' applies to plain values, contains, startswith, endswith and fieldref, not "
                            + valueModifier);
        }
        if (!transforms.isEmpty() && valueModifier != null && !TEXT_MODIFIERS.contains(valueModifier)) {
            throw new RuleSyntaxException(
                    line, "'" + transforms.get(0) + "' cannot be combined with '" + valueModifier + "' on " + field);
        }
        if ("fieldref".equals(valueModifier)) {
            return fieldRef(field, values, all, cased, line);
        }
        List<ValueMatcher> matchers = new ArrayList<>();
        for (Object value : values) {
            if (transforms.isEmpty()) {
                matchers.add(matcher(field, valueModifier, value, line, cased, regexFlags, dialect));
                continue;
            }
            if (value == null || value instanceof Boolean) {
                throw new RuleSyntaxException(
                        line, field + "|" + transforms.get(0) + " needs text, got " + describe(value));
            }
            // encoded values (base64, UTF-16) are byte patterns: folding their case would match other bytes
            boolean exact = cased || ValueTransforms.encodes(transforms);
            List<ValueMatcher> variants = new ArrayList<>();
            for (String variant : ValueTransforms.apply(transforms, value.toString())) {
                variants.add(matcher(field, valueModifier, variant, line, exact, 0, dialect));
            }
            matchers.add(ValueMatchers.anyOf(variants));
        }
        return new FieldMatcher(field, matchers, all);
    }

    /** {@code field|fieldref: other}: the event's two fields hold the same value. */
    private static Condition fieldRef(String field, List<Object> values, boolean all, boolean cased, int line)
            throws RuleSyntaxException {
        List<Condition> refs = new ArrayList<>();
        for (Object value : values) {
            if (!(value instanceof String)) {
                throw new RuleSyntaxException(line, field + "|fieldref needs a field name, got " + describe(value));
            }
            String other = (String) value;
            checkField(other, line);
            refs.add(event -> {
                Object a = event.field(field);
                Object b = event.field(other);
                if (a == null || b == null) {
                    return false;
                }
                return cased ? a.toString().equals(b.toString()) : a.toString().equalsIgnoreCase(b.toString());
            });
        }
        return all ? Condition.and(refs) : Condition.or(refs);
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
    public static Condition compare(String field, Comparison comparison, double bound, int line)
            throws RuleSyntaxException {
        checkField(field, line);
        return new FieldMatcher(field, List.of(ValueMatchers.compare(comparison, bound)), false);
    }

    public static void checkField(String field, int line) throws RuleSyntaxException {
        if (!EventFields.isKnown(field)) {
            String guess = EventFields.closest(field);
            throw new RuleSyntaxException(
                    line,
                    "unknown field '" + field + "'"
                            + (guess != null
                                    ? " (did you mean '" + guess + "'?)"
                                    : " (see docs/schema.md for the fields rules can use)"));
        }
    }

    private static ValueMatcher matcher(
            String field, String modifier, Object value, int line, boolean cased, int regexFlags, Dialect dialect)
            throws RuleSyntaxException {
        if (modifier == null) {
            return dialect == Dialect.SIGMA && value instanceof String
                    ? sigmaText("", (String) value, "", cased)
                    : ValueMatchers.equalTo(value, cased);
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
        if (dialect == Dialect.SIGMA) {
            // Sigma keeps wildcards and escapes inside contains/startswith/endswith: the same value, opened at the ends
            switch (modifier) {
                case "contains":
                    return sigmaText(".*", text, ".*", cased);
                case "startswith":
                    return sigmaText("", text, ".*", cased);
                case "endswith":
                    return sigmaText(".*", text, "", cased);
                default:
                    break;
            }
        }
        switch (modifier) {
            case "contains":
                return ValueMatchers.contains(text, cased);
            case "startswith":
                return ValueMatchers.startsWith(text, cased);
            case "endswith":
                return ValueMatchers.endsWith(text, cased);
            case "re":
                try {
                    return ValueMatchers.regex(text, regexFlags);
                } catch (IllegalArgumentException e) {
                    throw new RuleSyntaxException(
                            line, "bad regular expression '" + text + "' on " + field + ": " + e.getMessage());
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

    /**
     * A Sigma text value between open ends ({@code ".*"} or nothing): a plain comparison when it
     * has no wildcard (the common case, and the cheap one), else a whole-value pattern.
     */
    private static ValueMatcher sigmaText(String before, String value, String after, boolean cased) {
        SigmaWildcards.Parsed parsed = SigmaWildcards.parse(value);
        if (!parsed.wildcard()) {
            String text = parsed.literal();
            boolean left = !before.isEmpty();
            boolean right = !after.isEmpty();
            if (left && right) {
                return ValueMatchers.contains(text, cased);
            }
            if (left) {
                return ValueMatchers.endsWith(text, cased);
            }
            return right ? ValueMatchers.startsWith(text, cased) : ValueMatchers.equalText(text, cased);
        }
        return ValueMatchers.wholeMatch(before + parsed.regex() + after, cased);
    }

    private static String describe(Object value) {
        return value == null ? "null" : value instanceof String ? "'" + value + "'" : value.toString();
    }
}
