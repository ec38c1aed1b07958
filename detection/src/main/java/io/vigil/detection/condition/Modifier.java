package io.vigil.detection.condition;

import io.vigil.detection.rule.RuleSyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One {@code |modifier} of a selection key ({@code CommandLine|wide|base64|contains}), read once
 * from its text; everything after that asks the type, not the string. Which combinations are
 * allowed, and in which order, {@link FieldKey} checks.
 */
public enum Modifier {
    // how the value is compared: at most one per field
    CONTAINS(Role.COMPARISON),
    STARTSWITH(Role.COMPARISON),
    ENDSWITH(Role.COMPARISON),
    RE(Role.COMPARISON),
    CIDR(Role.COMPARISON),
    GT(Role.COMPARISON),
    GTE(Role.COMPARISON),
    LT(Role.COMPARISON),
    LTE(Role.COMPARISON),
    EXISTS(Role.COMPARISON),
    FIELDREF(Role.COMPARISON),
    /** every value must match, not any */
    ALL(Role.ALL),
    /** compare case-sensitively */
    CASED(Role.CASED),
    // what the value is turned into before it is compared (ValueTransforms), in the order written
    BASE64(Role.TRANSFORM),
    BASE64OFFSET(Role.TRANSFORM),
    WINDASH(Role.TRANSFORM),
    WIDE(Role.TRANSFORM),
    UTF16LE(Role.TRANSFORM),
    UTF16BE(Role.TRANSFORM),
    UTF16(Role.TRANSFORM),
    // Sigma's regular expression flags, written after re: re|i
    I(Role.REGEX_FLAG),
    M(Role.REGEX_FLAG),
    S(Role.REGEX_FLAG),
    /** Sigma only: the value is a %placeholder%, expanded to the site's values before matching */
    EXPAND(Role.EXPAND);

    /** What a modifier does to a field's test. */
    public enum Role {
        COMPARISON,
        ALL,
        CASED,
        TRANSFORM,
        REGEX_FLAG,
        EXPAND
    }

    private final Role role;

    Modifier(Role role) {
        this.role = role;
    }

    public Role role() {
        return role;
    }

    /** As written in rules: {@code contains}, {@code base64offset}, ... */
    public String written() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The modifier written so, if there is one. */
    public static Optional<Modifier> named(String text) {
        for (Modifier m : values()) {
            if (m.written().equals(text)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
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
                .filter(m -> m.role == role)
                .map(Modifier::written)
                .collect(Collectors.joining(", "));
    }
}
