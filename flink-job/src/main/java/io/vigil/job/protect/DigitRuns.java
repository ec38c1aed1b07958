package io.vigil.job.protect;

/**
 * Runs of digits in a text, the shape a card number is written in: ASCII digits with at most one
 * space or dash between two of them ("4111 1111-1111 1111" is one run of 16). The built-in
 * card-number pattern can only match inside a run of 13 or more, which few log lines hold, so
 * the redactor checks for one before trying it: java.util.regex tries that pattern, word
 * boundary first, at every position of every text (issue 18: 4 % of the job's CPU).
 */
final class DigitRuns {
    private DigitRuns() {}

    /** The most digits in one run of the text. */
    static int longest(String text) {
        int longest = 0;
        int run = 0;
        boolean afterSeparator = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                run++;
                afterSeparator = false;
                longest = Math.max(longest, run);
            } else if ((c == ' ' || c == '-') && run > 0 && !afterSeparator) {
                afterSeparator = true;
            } else {
                run = 0;
                afterSeparator = false;
            }
        }
        return longest;
    }
}
