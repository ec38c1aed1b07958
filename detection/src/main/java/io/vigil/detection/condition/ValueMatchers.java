package io.vigil.detection.condition;

import io.vigil.common.Cidr;
import io.vigil.common.Globs;

import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The value tests behind Sigma's modifiers. Plain values, {@code contains}, {@code startswith}
 * and {@code endswith} compare text case-insensitively (Sigma's default); {@code re} is a
 * case-sensitive Java regular expression that may match anywhere in the value.
 */
final class ValueMatchers {
    private ValueMatchers() {
    }

    /** A plain value: null means "field absent"; {@code *} and {@code ?} are wildcards in text. */
    static ValueMatcher equalTo(Object expected) {
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
            Pattern pattern = Pattern.compile(wildcardToRegex(text), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
            return value -> value != null && pattern.matcher(value.toString()).matches();
        }
        String unescaped = text.replace("\\*", "*").replace("\\?", "?");
        return value -> value != null && unescaped.equalsIgnoreCase(value.toString());
    }

    static ValueMatcher contains(String needle) {
        String lower = needle.toLowerCase(Locale.ROOT);
        return value -> value != null && value.toString().toLowerCase(Locale.ROOT).contains(lower);
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

    /** @throws PatternSyntaxException for a bad expression; the caller reports it with its line */
    static ValueMatcher regex(String expression) {
        Pattern pattern = Pattern.compile(expression);
        return value -> value != null && pattern.matcher(value.toString()).find();
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
    static Double asNumber(Object value) {
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

    private static String wildcardToRegex(String text) {
        return Globs.toRegex(text);
    }
}
