package io.vigil.job.parse;

/**
 * A read position in one line of text, for the hand-written syslog readers: every step looks at
 * a bounded number of characters and none throws, so reading a header is linear in its length
 * whatever the line holds. Numbers are ASCII digits only ({@code Character.isDigit} would let
 * Arabic-Indic or full-width digits through to the number parsers).
 */
final class TextCursor {
    final String text;
    int at;

    TextCursor(String text) {
        this(text, 0);
    }

    TextCursor(String text, int at) {
        this.text = text;
        this.at = at;
    }

    boolean atEnd() {
        return at >= text.length();
    }

    /** The character {@code ahead} places on, or NUL past the end. */
    char peek(int ahead) {
        int i = at + ahead;
        return i < text.length() ? text.charAt(i) : '\0';
    }

    char peek() {
        return peek(0);
    }

    boolean startsWith(String prefix) {
        return text.startsWith(prefix, at);
    }

    boolean skip(char c) {
        if (peek() == c) {
            at++;
            return true;
        }
        return false;
    }

    int skipSpaces() {
        int start = at;
        while (at < text.length() && text.charAt(at) == ' ') {
            at++;
        }
        return at - start;
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isLetter(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }

    /**
     * Reads {@code min} to {@code max} ASCII digits (max at most 9, so the value fits an int) and
     * returns their value; -1, with the cursor unchanged, when there are fewer than {@code min}
     * or more than {@code max} digits in a row.
     */
    int digits(int min, int max) {
        int i = at;
        int value = 0;
        while (i < text.length() && isDigit(text.charAt(i))) {
            if (i - at == max) {
                return -1;
            }
            value = value * 10 + (text.charAt(i) - '0');
            i++;
        }
        if (i - at < min) {
            return -1;
        }
        at = i;
        return value;
    }

    /** Exactly {@code n} (at most 9) ASCII digits, whatever follows them; -1 and unchanged otherwise. */
    int fixed(int n) {
        int value = 0;
        for (int k = 0; k < n; k++) {
            char c = peek(k);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        at += n;
        return value;
    }

    /** The end of the token starting here: the next space or the end of the text. */
    int tokenEnd() {
        int i = at;
        while (i < text.length() && text.charAt(i) != ' ') {
            i++;
        }
        return i;
    }

    String token() {
        return text.substring(at, tokenEnd());
    }

    String rest() {
        return at >= text.length() ? "" : text.substring(at);
    }
}
