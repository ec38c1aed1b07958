package io.vigil.job.protect;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds where the values of some placeholders stand in a text rendered from a template (an alert's
 * summary from its rule's {@code summary}, a group key {@code f1=v1 f2=v2} from its fields), so
 * exactly those can be replaced by markers. The values themselves are not known, only the
 * template's literal text between them, and a value may contain that literal text too.
 *
 * <p>So the text is matched twice, in linear time (indexOf / lastIndexOf, no regex, no
 * backtracking: the values come from log lines): once from the left, each value ending at the
 * first occurrence of the literal after it, and once from the right, each value starting after
 * the last occurrence of the literal before it. Every true value lies within what the two
 * matches allow (the left match never starts a value later than it really starts, the right one
 * never ends it earlier). When both agree, the boundaries are certain and each wanted value is
 * its own span. When they differ, one span covers everything from the earliest possible start of
 * the first wanted value to the latest possible end of the last one: more is hidden than needed,
 * never less. A text that does not fit the template at all is one span, whole.
 */
final class TemplateSpans {
    /** A wanted placeholder's text: {@code [start, end)}, and the placeholder (the first one, for a merged span). */
    record Span(int start, int end, int placeholder) {}

    private TemplateSpans() {}

    /**
     * @param literals n + 1 literal texts around n placeholders (the first and last may be empty)
     * @param wanted   one flag per placeholder: is its value to be found
     * @return the spans of the wanted values, left to right, not overlapping
     */
    static List<Span> find(String text, List<String> literals, boolean[] wanted) {
        int n = wanted.length;
        if (literals.size() != n + 1) {
            throw new IllegalArgumentException(literals.size() + " literals for " + n + " placeholders");
        }
        int first = -1;
        int last = -1;
        for (int i = 0; i < n; i++) {
            if (wanted[i]) {
                first = first < 0 ? i : first;
                last = i;
            }
        }
        if (first < 0) {
            return List.of();
        }
        int[][] left = fromLeft(text, literals, n);
        int[][] right = fromRight(text, literals, n);
        if (left == null || right == null) {
            return List.of(new Span(0, text.length(), first));
        }
        boolean certain = true;
        for (int i = 0; i < n && certain; i++) {
            certain = left[i][0] == right[i][0] && left[i][1] == right[i][1];
        }
        List<Span> spans = new ArrayList<>();
        if (certain) {
            for (int i = 0; i < n; i++) {
                if (wanted[i]) {
                    spans.add(new Span(left[i][0], left[i][1], i));
                }
            }
            return spans;
        }
        int start = Math.min(left[first][0], right[first][0]);
        int end = Math.max(left[last][1], right[last][1]);
        return List.of(new Span(start, end, first));
    }

    /** Each placeholder's {start, end}, values as short as the literals after them allow; null when the text does not fit. */
    private static int[][] fromLeft(String text, List<String> literals, int n) {
        String head = literals.get(0);
        String tail = literals.get(n);
        if (!fits(text, head, tail)) {
            return null;
        }
        int[][] spans = new int[n][2];
        int pos = head.length();
        int limit = text.length() - tail.length();
        for (int i = 0; i < n; i++) {
            spans[i][0] = pos;
            if (i == n - 1) {
                spans[i][1] = limit;
            } else {
                int at = text.indexOf(literals.get(i + 1), pos);
                if (at < 0 || at > limit) {
                    return null;
                }
                spans[i][1] = at;
                pos = at + literals.get(i + 1).length();
            }
            if (spans[i][1] < spans[i][0] || spans[i][1] > limit) {
                return null;
            }
        }
        return spans;
    }

    /** The same from the right: values as short as the literals before them allow. */
    private static int[][] fromRight(String text, List<String> literals, int n) {
        String head = literals.get(0);
        String tail = literals.get(n);
        if (!fits(text, head, tail)) {
            return null;
        }
        int[][] spans = new int[n][2];
        int pos = text.length() - tail.length();
        for (int i = n - 1; i >= 0; i--) {
            spans[i][1] = pos;
            if (i == 0) {
                spans[i][0] = head.length();
            } else {
                String before = literals.get(i);
                int at = text.lastIndexOf(before, pos - before.length());
                if (at < head.length()) {
                    return null;
                }
                spans[i][0] = at + before.length();
                pos = at;
            }
            if (spans[i][0] > spans[i][1]) {
                return null;
            }
        }
        return spans;
    }

    private static boolean fits(String text, String head, String tail) {
        return text.length() >= head.length() + tail.length() && text.startsWith(head) && text.endsWith(tail);
    }
}
