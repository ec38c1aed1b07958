package io.vigil.job.protect;

import java.io.Serializable;
import java.util.function.BooleanSupplier;
import java.util.function.IntPredicate;
import java.util.function.IntUnaryOperator;

/**
 * A compiled regular expression that runs on record text in time linear in the text, whoever
 * wrote it (issue 16: two built-in patterns took 33-70 s on a 100 KB line). Two engines:
 *
 * <ul>
 *   <li>{@link #reviewed}: java.util.regex, for the built-in patterns only. Each is written to be
 *       linear (possessive quantifiers where the next token cannot match what they consume,
 *       starts only where a run of their characters starts, bounded repetitions) and
 *       SecretPatternLinearityTest proves it on the inputs that made the old ones quadratic.
 *       They are 2-5x faster than RE2/J on ordinary lines, which every event pays.</li>
 *   <li>{@link #re2}: RE2/J (Google's linear-time engine) for patterns an operator writes in
 *       {@code rules/protection.yml}: nobody reviews those, so they must be safe by construction.
 *       RE2 syntax: no backreferences, no lookaround, no possessive quantifiers.</li>
 * </ul>
 */
public sealed interface TextPattern extends Serializable {
    /** The groups of the expression (group 0, the whole match, not counted). */
    int groupCount();

    /** A scan over one text. */
    Scan scan(CharSequence text);

    /** The successive matches of a pattern in one text. */
    interface Scan {
        boolean find();

        /** The first match starting at or after {@code from}. */
        boolean find(int from);

        int start(int group);

        int end(int group);

        /**
         * A scan over an engine's matcher: java.util.regex's and RE2/J's have the same methods but no
         * common type.
         */
        static Scan over(BooleanSupplier find, IntPredicate findFrom, IntUnaryOperator start, IntUnaryOperator end) {
            return new Scan() {
                @Override
                public boolean find() {
                    return find.getAsBoolean();
                }

                @Override
                public boolean find(int from) {
                    return findFrom.test(from);
                }

                @Override
                public int start(int group) {
                    return start.applyAsInt(group);
                }

                @Override
                public int end(int group) {
                    return end.applyAsInt(group);
                }
            };
        }
    }

    /** A built-in pattern, reviewed to run in linear time with java.util.regex. */
    static TextPattern reviewed(String regex) {
        return new Reviewed(java.util.regex.Pattern.compile(regex));
    }

    /**
     * An operator's pattern, run by RE2/J.
     *
     * @throws IllegalArgumentException saying what RE2 cannot run (backreferences, lookaround, ...) and why
     */
    static TextPattern re2(String regex) {
        return new Re2(io.vigil.detection.condition.LinearRegex.compile(regex, 0));
    }

    record Reviewed(java.util.regex.Pattern pattern) implements TextPattern {
        @Override
        public int groupCount() {
            return pattern.matcher("").groupCount();
        }

        @Override
        public Scan scan(CharSequence text) {
            java.util.regex.Matcher m = pattern.matcher(text);
            return Scan.over(m::find, m::find, m::start, m::end);
        }
    }

    record Re2(com.google.re2j.Pattern pattern) implements TextPattern {
        @Override
        public int groupCount() {
            return pattern.groupCount();
        }

        @Override
        public Scan scan(CharSequence text) {
            com.google.re2j.Matcher m = pattern.matcher(text);
            return Scan.over(m::find, m::find, m::start, m::end);
        }
    }
}
