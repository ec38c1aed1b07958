package io.vigil.job.protect;

/**
 * Whether a run of digits (spaces and dashes allowed) is plausibly a payment card number: 13–19
 * digits, a major issuer's prefix and a valid Luhn sum. The prefix check keeps epoch
 * milliseconds, offsets and ids, which pass Luhn one time in ten, from being redacted.
 */
final class CardNumbers {
    private CardNumbers() {}

    /**
     * The length of the longest start of the candidate (digits with single spaces or dashes
     * between them) that looks like a card and ends at a digit before a separator or the end;
     * -1 when none does. "378282246310005 4111" is not a card, its first 15 digits are.
     */
    static int longestCardPrefix(String candidate) {
        for (int end = candidate.length(); end > 0; end--) {
            boolean boundary =
                    end == candidate.length() || candidate.charAt(end) == ' ' || candidate.charAt(end) == '-';
            char last = candidate.charAt(end - 1);
            if (boundary && last >= '0' && last <= '9' && looksLikeCard(candidate.substring(0, end))) {
                return end;
            }
        }
        return -1;
    }

    static boolean looksLikeCard(String candidate) {
        StringBuilder digits = new StringBuilder(19);
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            }
        }
        int n = digits.length();
        return n >= 13 && n <= 19 && knownIssuer(digits) && luhn(digits);
    }

    private static boolean knownIssuer(CharSequence d) {
        int two = (d.charAt(0) - '0') * 10 + (d.charAt(1) - '0');
        int four = two * 100 + (d.charAt(2) - '0') * 10 + (d.charAt(3) - '0');
        return d.charAt(0) == '4' // Visa
                || (two >= 51 && two <= 55) // Mastercard
                || (four >= 2221 && four <= 2720) // Mastercard 2-series
                || two == 34
                || two == 37 // American Express
                || four == 6011
                || two == 65 // Discover
                || (four >= 3528 && four <= 3589) // JCB
                || two == 36
                || two == 38; // Diners
    }

    private static boolean luhn(CharSequence d) {
        int sum = 0;
        boolean twice = false;
        for (int i = d.length() - 1; i >= 0; i--) {
            int v = d.charAt(i) - '0';
            if (twice) {
                v *= 2;
                if (v > 9) {
                    v -= 9;
                }
            }
            sum += v;
            twice = !twice;
        }
        return sum % 10 == 0;
    }
}
