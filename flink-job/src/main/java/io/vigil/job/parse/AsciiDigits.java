package io.vigil.job.parse;

/**
 * Numbers in record text, read the way log writers write them: ASCII digits only, and few enough
 * to fit. {@link Long#parseLong} and {@link Character#digit} also accept the digits of every other
 * script ("١٢٣" is 123) and throw on empty or overlong text, and one throw from record text
 * used to stop the whole job (issue 16).
 */
public final class AsciiDigits {
    /** 18 digits always fit a long; a longer number is not a pid, a second count or an index. */
    public static final int MAX_DIGITS = 18;

    private AsciiDigits() {}

    /** The value of 1 to {@link #MAX_DIGITS} ASCII digits (no sign), or -1 for anything else. */
    public static long parse(CharSequence text) {
        int n = text.length();
        if (n == 0 || n > MAX_DIGITS) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Whether the text is a non-empty, even-length run of ASCII hex digits (what auditd hex-encodes). */
    public static boolean isHex(CharSequence text) {
        int n = text.length();
        if (n == 0 || n % 2 != 0) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }
}
