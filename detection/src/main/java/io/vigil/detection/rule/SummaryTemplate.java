package io.vigil.detection.rule;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * An alert's one-line summary with {@code {placeholders}}: {@code {count}}, {@code {host}},
 * {@code {group}}, {@code {first_seen}}, {@code {last_seen}}, {@code {distinct}} (count rules
 * over distinct values), {@code {max}} / {@code {min}} (threshold rules: the extreme value seen),
 * or any event field such as {@code {source.ip}}, read from the newest evidence event.
 */
public final class SummaryTemplate implements Serializable {
    /** What a placeholder whose event field is absent renders as. */
    public static final String ABSENT = "-";

    private static final long serialVersionUID = 1L;
    /** Placeholders the alert itself fills; anything else is an event field. */
    public static final Set<String> ALERT_VALUES =
            Set.of("count", "host", "group", "first_seen", "last_seen", "distinct", "max", "min");

    private final String text;
    private final List<String> parts; // even indexes: literal text; odd: placeholder names

    private SummaryTemplate(String text, List<String> parts) {
        this.text = text;
        this.parts = parts;
    }

    /** @throws IllegalArgumentException on an unclosed brace or an empty placeholder */
    public static SummaryTemplate parse(String text) {
        List<String> parts = new ArrayList<>();
        int at = 0;
        while (true) {
            int open = text.indexOf('{', at);
            if (open < 0) {
                parts.add(text.substring(at));
                break;
            }
            int close = text.indexOf('}', open);
            if (close < 0) {
                throw new IllegalArgumentException("unclosed '{' in summary");
            }
            String name = text.substring(open + 1, close).trim();
            if (name.isEmpty()) {
                throw new IllegalArgumentException("empty '{}' in summary");
            }
            parts.add(text.substring(at, open));
            parts.add(name);
            at = close + 1;
        }
        return new SummaryTemplate(text, parts);
    }

    /**
     * The template split at its placeholders: even indexes are literal text (possibly empty), odd
     * ones placeholder names, so a rendered summary can be matched back against it.
     */
    public List<String> parts() {
        return java.util.Collections.unmodifiableList(parts);
    }

    /** The event fields the template reads (its placeholders that are not alert values). */
    public Set<String> eventFields() {
        Set<String> fields = new LinkedHashSet<>();
        for (int i = 1; i < parts.size(); i += 2) {
            if (!ALERT_VALUES.contains(parts.get(i))) {
                fields.add(parts.get(i));
            }
        }
        return fields;
    }

    /** Fills every placeholder from the lookup; a missing value renders as {@code -}. */
    public String render(Function<String, Object> lookup) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            if (i % 2 == 0) {
                out.append(parts.get(i));
            } else {
                Object value = lookup.apply(parts.get(i));
                out.append(
                        value == null
                                ? ABSENT
                                : value instanceof Double ? Numbers.plain((Double) value) : value.toString());
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
