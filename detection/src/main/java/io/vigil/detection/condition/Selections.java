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
    /** The comparisons a transformed or {@code cased} value can go with. */
    private static final List<Modifier> TEXT_COMPARISONS =
            List.of(Modifier.CONTAINS, Modifier.STARTSWITH, Modifier.ENDSWITH, Modifier.FIELDREF);

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
        int bar = key.indexOf('|');
        String field = (bar < 0 ? key : key.substring(0, bar)).trim();
        checkField(field, line);
        return field(field, Modifier.parse(bar < 0 ? "" : key.substring(bar), field, line), values, line, dialect);
    }

    /** One selection entry whose modifiers were read already (Sigma reads them before it maps the field). */
    public static Condition field(
            String field, List<Modifier> modifiers, List<Object> values, int line, Dialect dialect)
            throws RuleSyntaxException {
        checkField(field, line);
        FieldKey key = FieldKey.of(field, modifiers, line);
        if (values.isEmpty()) {
            throw new RuleSyntaxException(line, field + " has an empty list of values");
        }
        Modifier comparison = key.comparison();
        if (key.cased() && comparison != null && !TEXT_COMPARISONS.contains(comparison)) {
            throw new RuleSyntaxException(
                    line,
                    "'cased' applies to plain values, contains, startswith, endswith and fieldref, not "
                            + comparison.written());
        }
        List<Modifier> transforms = key.transforms();
        if (!transforms.isEmpty() && comparison != null && !TEXT_COMPARISONS.contains(comparison)) {
            throw new RuleSyntaxException(
                    line,
                    "'" + transforms.get(0).written() + "' cannot be combined with '" + comparison.written() + "' on "
                            + field);
        }
        if (comparison == Modifier.FIELDREF) {
            return fieldRef(field, values, key.all(), key.cased(), line);
        }
        List<ValueMatcher> matchers = new ArrayList<>();
        for (Object value : values) {
            if (transforms.isEmpty()) {
                matchers.add(matcher(field, comparison, value, line, key.cased(), key.regexFlags(), dialect));
                continue;
            }
            if (value == null || value instanceof Boolean) {
                throw new RuleSyntaxException(
                        line, field + "|" + transforms.get(0).written() + " needs text, got " + describe(value));
            }
            // encoded values (base64, UTF-16) are byte patterns: folding their case would match other bytes
            boolean exact = key.cased() || ValueTransforms.encodes(transforms);
            List<ValueMatcher> variants = new ArrayList<>();
            for (String variant : ValueTransforms.apply(transforms, value.toString())) {
                variants.add(matcher(field, comparison, variant, line, exact, 0, dialect));
            }
            matchers.add(ValueMatchers.anyOf(variants));
        }
        return new FieldMatcher(field, matchers, key.all());
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
            String field, Modifier modifier, Object value, int line, boolean cased, int regexFlags, Dialect dialect)
            throws RuleSyntaxException {
        if (modifier == null) {
            return dialect == Dialect.SIGMA && value instanceof String
                    ? sigmaText("", (String) value, "", cased)
                    : ValueMatchers.equalTo(value, cased);
        }
        if (modifier == Modifier.EXISTS) {
            if (!(value instanceof Boolean)) {
                throw new RuleSyntaxException(line, field + "|exists needs true or false, got " + describe(value));
            }
            return ValueMatchers.exists((Boolean) value);
        }
        Optional<Comparison> comparison = Comparison.fromModifier(modifier.written());
        if (comparison.isPresent()) {
            Double bound = value instanceof Boolean ? null : ValueMatchers.asNumber(value);
            if (bound == null) {
                throw new RuleSyntaxException(
                        line, field + "|" + modifier.written() + " needs a number, got " + describe(value));
            }
            return ValueMatchers.compare(comparison.get(), bound);
        }
        if (value == null || value instanceof Boolean) {
            throw new RuleSyntaxException(
                    line, field + "|" + modifier.written() + " needs text, got " + describe(value));
        }
        String text = value.toString();
        if (dialect == Dialect.SIGMA) {
            // Sigma keeps wildcards and escapes inside contains/startswith/endswith: the same value, opened at the ends
            switch (modifier) {
                case CONTAINS:
                    return sigmaText(".*", text, ".*", cased);
                case STARTSWITH:
                    return sigmaText("", text, ".*", cased);
                case ENDSWITH:
                    return sigmaText(".*", text, "", cased);
                default:
                    break;
            }
        }
        switch (modifier) {
            case CONTAINS:
                return ValueMatchers.contains(text, cased);
            case STARTSWITH:
                return ValueMatchers.startsWith(text, cased);
            case ENDSWITH:
                return ValueMatchers.endsWith(text, cased);
            case RE:
                try {
                    return ValueMatchers.regex(text, regexFlags);
                } catch (IllegalArgumentException e) {
                    throw new RuleSyntaxException(
                            line, "bad regular expression '" + text + "' on " + field + ": " + e.getMessage());
                }
            case CIDR:
                try {
                    return ValueMatchers.cidr(text);
                } catch (IllegalArgumentException e) {
                    throw new RuleSyntaxException(line, "bad CIDR network on " + field + ": " + e.getMessage());
                }
            default:
                throw new IllegalStateException(modifier.written());
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
