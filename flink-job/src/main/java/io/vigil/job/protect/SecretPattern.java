package io.vigil.job.protect;

import java.io.Serializable;
import java.util.List;

/**
 * One kind of secret to redact (see secret-patterns.yml for the fields).
 *
 * @param secretGroup the regex group holding the secret; 0 for the whole match
 * @param hints       lower-case strings of which one must occur for the pattern to be tried; empty = always
 * @param cardCheck   the match must look like a payment card number (issuer prefix, Luhn)
 * @param digitRun    the text must hold a run of this many ASCII digits, one space or dash allowed
 *                    between two of them ({@link DigitRuns}), for the pattern to be tried; 0 = always
 */
public record SecretPattern(
        String name, TextPattern pattern, int secretGroup, List<String> hints, boolean cardCheck, int digitRun)
        implements Serializable {}
