package io.vigil.job.protect;

/**
 * Replaces a value inside a text with a marker, only where it stands as a whole word: the user
 * name {@code al} is marked in "for al from", not inside "alpha". A value that starts or ends with
 * a non-word character needs no boundary on that side.
 */
final class TextMarkers {
    private TextMarkers() {}

    static String replace(String text, String value, String marker) {
        if (text == null || value.isEmpty()) {
            return text;
        }
        int at = text.indexOf(value);
        if (at < 0) {
            return text;
        }
        boolean wordStart = isWord(value.charAt(0));
        boolean wordEnd = isWord(value.charAt(value.length() - 1));
        StringBuilder out = null;
        int copied = 0;
        while (at >= 0) {
            int end = at + value.length();
            boolean bounded = (!wordStart || at == 0 || !isWord(text.charAt(at - 1)))
                    && (!wordEnd || end == text.length() || !isWord(text.charAt(end)));
            if (bounded) {
                if (out == null) {
                    out = new StringBuilder(text.length() + marker.length());
                }
                out.append(text, copied, at).append(marker);
                copied = end;
                at = text.indexOf(value, end);
            } else {
                at = text.indexOf(value, at + 1);
            }
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    /** Where {@code value} stands as a whole word in {@code text}: start offsets, in order, not overlapping. */
    static java.util.List<Integer> find(String text, String value) {
        java.util.List<Integer> found = new java.util.ArrayList<>();
        if (text == null || value.isEmpty()) {
            return found;
        }
        boolean wordStart = isWord(value.charAt(0));
        boolean wordEnd = isWord(value.charAt(value.length() - 1));
        int at = text.indexOf(value);
        while (at >= 0) {
            int end = at + value.length();
            if ((!wordStart || at == 0 || !isWord(text.charAt(at - 1)))
                    && (!wordEnd || end == text.length() || !isWord(text.charAt(end)))) {
                found.add(at);
                at = text.indexOf(value, end);
            } else {
                at = text.indexOf(value, at + 1);
            }
        }
        return found;
    }

    private static boolean isWord(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
