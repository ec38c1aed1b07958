package io.vigil.detection.condition;

import io.vigil.detection.rule.RuleSyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One {@code |modifier} of a selection key ({@code CommandLine|wide|base64|contains}), read once
 * from its text; everything after that asks the type, not the string. Which combinations are
 * allowed, and in which order, {@link FieldKey} checks.
 */
public enum Modifier {
    // how the value is compared: at most one per field
    CONTAINS,
    STARTSWITH,
    ENDSWITH,
    RE,
    CIDR,
    GT,
    GTE,
    LT,
    LTE,
    EXISTS,
    FIELDREF,
    /** every value must match, not any */
    ALL,
    /** compare case-sensitively */
    CASED,
    // what the value is turned into before it is compared (ValueTransforms), in the order written
    BASE64,
    BASE64OFFSET,
    WINDASH,
    WIDE,
    UTF16LE,
    UTF16BE,
    UTF16,
    // Sigma's regular expression flags, written after re: re|i
    I,
    M,
    S,
    /** Sigma only: the value is a %placeholder%, expanded to the site's values before matching */
    EXPAND;

    /** What a modifier does to a field's test. */
    public enum Role {
        COMPARISON,
        ALL,
        CASED,
        TRANSFORM,
        REGEX_FLAG,
        EXPAND
    }

    private static final Map<String, Modifier> BY_NAME =
            Arrays.stream(values()).collect(Collectors.toMap(Modifier::written, m -> m));

    public Role role() {
        return switch (this) {
            case CONTAINS, STARTSWITH, ENDSWITH, RE, CIDR, GT, GTE, LT, LTE, EXISTS, FIELDREF -> Role.COMPARISON;
            case ALL -> Role.ALL;
            case CASED -> Role.CASED;
            case BASE64, BASE64OFFSET, WINDASH, WIDE, UTF16LE, UTF16BE, UTF16 -> Role.TRANSFORM;
            case I, M, S -> Role.REGEX_FLAG;
            case EXPAND -> Role.EXPAND;
        };
    }

    /** As written in rules: {@code contains}, {@code base64offset}, ... */
    public String written() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The modifier written so, if there is one. */
    public static Optional<Modifier> named(String text) {
        return Optional.ofNullable(BY_NAME.get(text));
    }

    /**
     * The modifiers of a key, from the text after its field ({@code |contains|all}, or empty).
     *
     * @param field the field they apply to, for the error
     * @throws RuleSyntaxException {@code unknown modifier 'x' on FIELD (known: ...)} at the first
     *     text that names no modifier
     */
    public static List<Modifier> parse(String written, String field, int line) throws RuleSyntaxException {
        List<Modifier> modifiers = new ArrayList<>();
        if (written.isEmpty()) {
            return modifiers;
        }
        for (String text : written.substring(written.startsWith("|") ? 1 : 0).split("\\|", -1)) {
            String trimmed = text.trim();
            modifiers.add(named(trimmed).orElseThrow(() -> unknown(trimmed, field, line)));
        }
        return modifiers;
    }

    /**
     * Whether the modifiers written after a field name this one, before they are parsed: Sigma
     * expands placeholders before it knows the field that would name an unknown modifier.
     */
    public static boolean mentions(String written, Modifier modifier) {
        for (String text : written.split("\\|", -1)) {
            if (text.trim().equals(modifier.written())) {
                return true;
            }
        }
        return false;
    }

    /** As written after a field: {@code |contains|all}, or empty. */
    public static String written(List<Modifier> modifiers) {
        return modifiers.stream().map(m -> "|" + m.written()).collect(Collectors.joining());
    }

    static RuleSyntaxException unknown(String text, String field, int line) {
        return new RuleSyntaxException(
                line,
                "unknown modifier '" + text + "' on " + field + " (known: " + names(Role.COMPARISON) + ", all, cased, "
                        + names(Role.TRANSFORM) + "; i, m, s after re)");
    }

    static String names(Role role) {
        return Arrays.stream(values())
                .filter(m -> m.role() == role)
                .map(Modifier::written)
                .collect(Collectors.joining(", "));
    }
}
