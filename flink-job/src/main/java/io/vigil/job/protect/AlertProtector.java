package io.vigil.job.protect;

import io.vigil.common.protect.FieldCipher;
import io.vigil.common.protect.ProtectedFields;
import io.vigil.detection.alert.Alert;
import io.vigil.detection.rule.SummaryTemplate;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Takes the protected values (the fields {@code protection.yml} encrypts) out of an alert before it
 * is stored, as {@link FieldEncryptor} does for logs: every occurrence in the alert's text
 * ({@code summary}, {@code group_key}, {@code context}) becomes a marker {@code «field[i]»}, and the
 * values' ciphertexts go to {@code protected.cipher.FIELD} (a list, index i). The query service
 * puts them back for the clear roles and masks them for everyone else, as in {@code /logs}.
 *
 * <p>Where the values are: the alert does not list them, so they are found from its rule.
 * <ul>
 *   <li>{@code group_key} is {@code f1=v1 f2=v2} over the rule's {@code group_by}: the values of
 *       protected fields among them (sudo-root-non-admin groups by {@code user.name});</li>
 *   <li>{@code context.values} are the distinct values a count rule counted: all of them when its
 *       {@code distinct} field is protected (password-spraying lists the targeted names);</li>
 *   <li>{@code summary} is the rule's template with placeholders filled from the newest evidence
 *       ({@code last as {user.name}}): the spans of protected placeholders are found by matching
 *       the text against the template ({@link TemplateSpans}, which hides more rather than less
 *       when a value contains the template's own words), and a summary that does not fit its
 *       template is hidden whole.</li>
 * </ul>
 * Then every whole-word occurrence of any value found, anywhere in the summary and the context, is
 * marked too (a {@code {group}} placeholder, the default summary that names the group). Not in
 * {@code group_key}, whose structure says exactly where each value is: there a value of another
 * field that happens to contain a user name stays as it is. A placeholder's rendering of an absent
 * field ({@code -}) is no value, and values shorter than {@value #MIN_ANYWHERE} characters are
 * marked only where the template puts them: as whole words they would hit ordinary text.
 *
 * <p>Not thread-safe (the cipher): one per operator.
 */
public final class AlertProtector {
    static final int MIN_ANYWHERE = 3;

    /** What the protector needs of a rule: its group-by fields, distinct field and summary template. */
    public record RuleShape(List<String> groupBy, String distinctField, List<String> summaryParts)
            implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    private final Set<String> fields;
    private final Map<String, RuleShape> rules;
    private final FieldCipher cipher;

    public AlertProtector(List<String> fields, Map<String, RuleShape> rules, FieldCipher cipher) {
        this.fields = Set.copyOf(fields);
        this.rules = Map.copyOf(rules);
        this.cipher = cipher;
    }

    /** Replaces the alert's protected values by markers and sets its {@code protectedValues}; in place. */
    public void protect(Alert alert) {
        RuleShape rule = rules.get(alert.ruleId);
        if (rule == null) {
            return; // not a rule of this job's (anomaly alerts carry no event values)
        }
        Found found = new Found();
        List<TemplateSpans.Span> groupSpans = groupKeySpans(alert.groupKey, rule, found);
        if (rule.distinctField() != null
                && fields.contains(rule.distinctField())
                && alert.context.get("values") instanceof List<?> values) {
            List<Object> marked = new ArrayList<>(values.size());
            for (Object value : values) {
                marked.add(value == null ? null : found.marker(rule.distinctField(), String.valueOf(value)));
            }
            alert.context.put("values", marked);
        }
        List<TemplateSpans.Span> summarySpans = summarySpans(alert.summary, rule, found);
        if (found.isEmpty()) {
            return;
        }
        alert.groupKey = mark(alert.groupKey, groupSpans, rule.groupBy(), found, false);
        alert.summary = mark(alert.summary, summarySpans, placeholders(rule.summaryParts()), found, true);
        alert.context = markAll(alert.context, found);
        alert.protectedValues = found.ciphertexts(cipher);
    }

    private List<TemplateSpans.Span> groupKeySpans(String groupKey, RuleShape rule, Found found) {
        if (groupKey == null
                || rule.groupBy().isEmpty()
                || rule.groupBy().stream().noneMatch(fields::contains)) {
            return List.of();
        }
        List<String> literals = new ArrayList<>();
        boolean[] wanted = new boolean[rule.groupBy().size()];
        for (int i = 0; i < wanted.length; i++) {
            String field = rule.groupBy().get(i);
            literals.add((i == 0 ? "" : " ") + field + "=");
            wanted[i] = fields.contains(field);
        }
        literals.add("");
        List<TemplateSpans.Span> spans = TemplateSpans.find(groupKey, literals, wanted);
        spans.forEach(s -> found.marker(rule.groupBy().get(s.placeholder()), groupKey.substring(s.start(), s.end())));
        return spans;
    }

    private List<TemplateSpans.Span> summarySpans(String summary, RuleShape rule, Found found) {
        List<String> parts = rule.summaryParts();
        if (summary == null || parts == null) {
            return List.of();
        }
        List<String> names = placeholders(parts);
        boolean[] wanted = new boolean[names.size()];
        boolean any = false;
        for (int i = 0; i < wanted.length; i++) {
            wanted[i] = fields.contains(names.get(i));
            any |= wanted[i];
        }
        if (!any) {
            return List.of();
        }
        List<String> literals = new ArrayList<>();
        for (int i = 0; i < parts.size(); i += 2) {
            literals.add(parts.get(i));
        }
        if (literals.size() == names.size()) {
            literals.add(""); // a template ending in a placeholder
        }
        List<TemplateSpans.Span> spans = new ArrayList<>(TemplateSpans.find(summary, literals, wanted));
        spans.removeIf(s -> SummaryTemplate.ABSENT.equals(summary.substring(s.start(), s.end())));
        spans.forEach(s -> found.marker(names.get(s.placeholder()), summary.substring(s.start(), s.end())));
        return spans;
    }

    private static List<String> placeholders(List<String> parts) {
        List<String> names = new ArrayList<>();
        if (parts != null) {
            for (int i = 1; i < parts.size(); i += 2) {
                names.add(parts.get(i));
            }
        }
        return names;
    }

    /**
     * The text with its spans, then (when {@code anywhere}) every other whole-word occurrence of a
     * found value of at least {@value #MIN_ANYWHERE} characters, as markers.
     */
    private static String mark(
            String text, List<TemplateSpans.Span> spans, List<String> names, Found found, boolean anywhere) {
        if (text == null) {
            return null;
        }
        TreeMap<Integer, int[]> taken = new TreeMap<>(); // start -> {end, value index}
        for (TemplateSpans.Span s : spans) {
            String value = text.substring(s.start(), s.end());
            if (!value.isEmpty()) {
                taken.put(s.start(), new int[] {s.end(), found.indexOf(names.get(s.placeholder()), value)});
            }
        }
        // Longest first: a command line that contains the user name is marked whole.
        List<Integer> byLength = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            byLength.add(i);
        }
        byLength.sort(
                Comparator.comparingInt((Integer i) -> found.value(i).length()).reversed());
        for (int i : anywhere ? byLength : List.<Integer>of()) {
            String value = found.value(i);
            if (value.length() < MIN_ANYWHERE) {
                continue;
            }
            for (int at : TextMarkers.find(text, value)) {
                int end = at + value.length();
                var before = taken.floorEntry(at);
                var after = taken.ceilingEntry(at);
                if ((before == null || before.getValue()[0] <= at) && (after == null || after.getKey() >= end)) {
                    taken.put(at, new int[] {end, i});
                }
            }
        }
        if (taken.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        for (var e : taken.entrySet()) {
            out.append(text, copied, e.getKey()).append(found.markerOf(e.getValue()[1]));
            copied = e.getValue()[0];
        }
        return out.append(text, copied, text.length()).toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> markAll(Map<String, Object> context, Found found) {
        Map<String, Object> out = new LinkedHashMap<>();
        context.forEach((k, v) -> out.put(k, markValue(v, found)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object markValue(Object value, Found found) {
        if (value instanceof String text) {
            return found.isMarker(text) ? text : mark(text, List.of(), List.of(), found, true);
        }
        if (value instanceof Map<?, ?> map) {
            return markAll((Map<String, Object>) map, found);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size()); // mutable: alerts travel through Kryo
            list.forEach(v -> out.add(markValue(v, found)));
            return out;
        }
        return value;
    }

    /** The protected values found in one alert, each with its field and its index among the field's values. */
    private static final class Found {
        private final List<String> fieldOf = new ArrayList<>();
        private final List<String> values = new ArrayList<>();
        private final List<Integer> indexInField = new ArrayList<>();
        private final Map<String, Integer> perField = new LinkedHashMap<>();

        boolean isEmpty() {
            return values.isEmpty();
        }

        int size() {
            return values.size();
        }

        String value(int i) {
            return values.get(i);
        }

        /** The index of (field, value), added when new. */
        int indexOf(String field, String value) {
            for (int i = 0; i < values.size(); i++) {
                if (fieldOf.get(i).equals(field) && values.get(i).equals(value)) {
                    return i;
                }
            }
            fieldOf.add(field);
            values.add(value);
            int n = perField.merge(field, 1, Integer::sum) - 1;
            indexInField.add(n);
            return values.size() - 1;
        }

        String marker(String field, String value) {
            return markerOf(indexOf(field, value));
        }

        String markerOf(int i) {
            return ProtectedFields.marker(fieldOf.get(i), indexInField.get(i));
        }

        boolean isMarker(String text) {
            for (int i = 0; i < values.size(); i++) {
                if (markerOf(i).equals(text)) {
                    return true;
                }
            }
            return false;
        }

        /** {@code cipher.FIELD} → the field's ciphertexts in marker order. */
        Map<String, Object> ciphertexts(FieldCipher cipher) {
            Map<String, List<String>> byField = new LinkedHashMap<>();
            for (int i = 0; i < values.size(); i++) {
                byField.computeIfAbsent(fieldOf.get(i), f -> new ArrayList<>())
                        .add(cipher.encrypt(fieldOf.get(i), values.get(i)));
            }
            Map<String, Object> out = new LinkedHashMap<>();
            byField.forEach((field, list) -> out.put(ProtectedFields.CIPHER + field, list));
            return out;
        }
    }
}
