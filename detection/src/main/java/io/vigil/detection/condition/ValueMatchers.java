package io.vigil.detection.condition;

import com.google.re2j.Pattern;
import io.vigil.common.Cidr;
import io.vigil.common.Globs;
import java.util.Locale;

/**
 * The value tests behind Sigma's modifiers. Plain values, {@code contains}, {@code startswith}
 * and {@code endswith} compare text case-insensitively (Sigma's default); {@code re} is a
 * case-sensitive regular expression (RE2 syntax, {@link LinearRegex}) that may match anywhere in
 * the value. Every expression here runs in time linear in the value.
 */
public final class ValueMatchers {
    private ValueMatchers() {}

    /** A plain value: null means "field absent"; {@code *} and {@code ?} are wildcards in text. */
    static ValueMatcher equalTo(Object expected) {
        return equalTo(expected, false);
    }

    /** @param cased compare text case-sensitively (Sigma's {@code cased}) */
    static ValueMatcher equalTo(Object expected, boolean cased) {
        if (expected == null) {
            return value -> value == null;
        }
        if (expected instanceof Number) {
            double number = ((Number) expected).doubleValue();
            return value -> {
                Double actual = asNumber(value);
                return actual != null && actual == number;
            };
        }
        if (expected instanceof Boolean) {
            String text = expected.toString();
            return value -> value != null && text.equalsIgnoreCase(value.toString());
        }
        String text = expected.toString();
        if (hasWildcard(text)) {
            return wholeMatch(Globs.toRegex(text), cased);
        }
        return equalText(text.replace("\\*", "*").replace("\\?", "?"), cased);
    }

    /** Text equal to {@code text} as it is: no wildcard, no escape. */
    static ValueMatcher equalText(String text, boolean cased) {
        return cased
                ? value -> value != null && text.equals(value.toString())
                : value -> value != null && text.equalsIgnoreCase(value.toString());
    }

    /**
     * The whole value matching a regular expression (wildcards already translated). RE2/J: with
     * java.util.regex, {@code *a*b*c*} backtracks polynomially on a long value.
     */
    static ValueMatcher wholeMatch(String regex, boolean cased) {
        Pattern pattern = LinearRegex.compile(regex, (cased ? 0 : LinearRegex.CASE_INSENSITIVE) | LinearRegex.DOTALL);
        return value -> value != null && pattern.matches(value.toString());
    }

    static ValueMatcher contains(String needle, boolean cased) {
        return cased ? value -> value != null && value.toString().contains(needle) : contains(needle);
    }

    static ValueMatcher startsWith(String prefix, boolean cased) {
        return value -> value != null && value.toString().regionMatches(!cased, 0, prefix, 0, prefix.length());
    }

    static ValueMatcher endsWith(String suffix, boolean cased) {
        return value -> {
            if (value == null) {
                return false;
            }
            String text = value.toString();
            return text.length() >= suffix.length()
                    && text.regionMatches(!cased, text.length() - suffix.length(), suffix, 0, suffix.length());
        };
    }

    /** @throws IllegalArgumentException for an expression RE2 cannot run; the caller reports it with its line */
    static ValueMatcher regex(String expression, int flags) {
        Pattern pattern = LinearRegex.compile(expression, flags);
        return value -> value != null && pattern.matcher(value.toString()).find();
    }

    /** Any of the variants a transformation (base64offset, windash, ...) made of one value. */
    static ValueMatcher anyOf(java.util.List<ValueMatcher> variants) {
        ValueMatcher[] any = variants.toArray(new ValueMatcher[0]);
        return value -> {
            for (ValueMatcher m : any) {
                if (m.matches(value)) {
                    return true;
                }
            }
            return false;
        };
    }

    static ValueMatcher contains(String needle) {
        String lower = needle.toLowerCase(Locale.ROOT);
        return value -> value != null && LowerCase.of(value.toString()).contains(lower);
    }

    static ValueMatcher startsWith(String prefix) {
        return value -> value != null && value.toString().regionMatches(true, 0, prefix, 0, prefix.length());
    }

    static ValueMatcher endsWith(String suffix) {
        return value -> {
            if (value == null) {
                return false;
            }
            String text = value.toString();
            return text.length() >= suffix.length()
                    && text.regionMatches(true, text.length() - suffix.length(), suffix, 0, suffix.length());
        };
    }

    static ValueMatcher cidr(String network) {
        Cidr cidr = Cidr.parse(network);
        return value -> value != null && cidr.contains(value.toString());
    }

    static ValueMatcher compare(Comparison comparison, double bound) {
        return value -> {
            Double actual = asNumber(value);
            return actual != null && comparison.holds(actual, bound);
        };
    }

    static ValueMatcher exists(boolean present) {
        return value -> (value != null) == present;
    }

    /** A number, or text that reads as one ("22" from a parser that kept a port as text); else null. */
    public static Double asNumber(Object value) {
        if (value instanceof Number) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof String) {
            try {
                return Double.parseDouble(((String) value).trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static boolean hasWildcard(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '*' || c == '?') {
                return true;
            }
        }
        return false;
    }
}
