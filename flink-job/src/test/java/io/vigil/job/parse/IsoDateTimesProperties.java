package io.vigil.job.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * {@link IsoDateTimes} reads every text as {@code java.time}'s ISO formatters do: the same
 * instant, or a rejection. Its hand-read shape must never accept what {@code java.time} refuses,
 * nor read another instant. The texts are near-canonical: each field's digits in and out of
 * range, fractions of 0 to 10 digits, offsets right and wrong, other separators, cases and tails.
 */
class IsoDateTimesProperties {

    @Property(tries = 20_000)
    void readsEveryTextAsJavaTimeDoes(@ForAll("nearlyCanonical") String text) {
        assertThat(IsoDateTimes.epochMillis(text)).as(text).isEqualTo(IsoDateTimes.javaTimeMillis(text));
        long fast = IsoDateTimes.canonicalMillis(text);
        if (fast != IsoDateTimes.NOT_CANONICAL) {
            assertThat(fast).as(text).isEqualTo(IsoDateTimes.javaTimeMillis(text));
        }
    }

    /** The shape shippers write is read by hand, so the property above tests the hand reading. */
    @Property(tries = 5_000)
    void readsTheCanonicalShapeByHand(
            @ForAll @LongRange(min = -30_000_000_000L, max = 250_000_000_000L) long epochSecond,
            @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
            @ForAll @IntRange(min = 0, max = 3) int fractionGroups,
            @ForAll @IntRange(min = -18 * 4, max = 18 * 4) int quarterHours) {
        ZoneOffset offset = ZoneOffset.ofTotalSeconds(quarterHours * 900);
        int kept = List.of(0, 1_000_000, 1_000, 1).get(fractionGroups);
        OffsetDateTime time = Instant.ofEpochSecond(epochSecond, fractionGroups == 0 ? 0 : nanos / kept * kept)
                .atOffset(offset);
        String text = time.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        assertThat(IsoDateTimes.canonicalMillis(text))
                .as(text)
                .isEqualTo(time.toInstant().toEpochMilli());
    }

    @Provide
    Arbitrary<String> nearlyCanonical() {
        Arbitrary<String> date = Combinators.combine(number(4, 0, 9999), number(2, 0, 13), number(2, 0, 32))
                .as((y, m, d) -> y + "-" + m + "-" + d);
        Arbitrary<String> time = Combinators.combine(number(2, 0, 25), number(2, 0, 61), number(2, 0, 61))
                .as((h, m, s) -> h + ":" + m + ":" + s);
        Arbitrary<String> fraction = Arbitraries.oneOf(
                Arbitraries.just(""),
                Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(10).map(f -> "." + f));
        Arbitrary<String> offset = Arbitraries.oneOf(
                Arbitraries.of("Z", "z", "", "+00:00", "-00:00", "+18:00", "-18:00", "+18:01", "+1:00", "+0100", "+01"),
                Combinators.combine(Arbitraries.of("+", "-"), number(2, 0, 19), number(2, 0, 61))
                        .as((sign, h, m) -> sign + h + ":" + m));
        Arbitrary<String> separator = Arbitraries.of("T", "T", "T", "t", " ");
        Arbitrary<String> tail = Arbitraries.of("", "", "", " ", "x", "[Europe/Paris]");
        Arbitrary<String> whole = Combinators.combine(date, separator, time, fraction, offset, tail)
                .as((d, sep, t, f, o, x) -> d + sep + t + f + o + x);
        // Also a character of the text replaced, dropped or doubled: digits of other scripts, signs, colons.
        return Arbitraries.oneOf(
                whole,
                Combinators.combine(
                                whole,
                                Arbitraries.integers().between(0, 40),
                                Arbitraries.of('0', '9', '-', ':', '.', '+', 'T', '\u0661', ' '),
                                Arbitraries.integers().between(0, 2))
                        .as(IsoDateTimesProperties::mutate));
    }

    private static String mutate(String text, int at, char c, int how) {
        int i = Math.min(at, text.length() - 1);
        return switch (how) {
            case 0 -> text.substring(0, i) + c + text.substring(i + 1);
            case 1 -> text.substring(0, i) + text.substring(i + 1);
            default -> text.substring(0, i) + text.charAt(i) + text.substring(i);
        };
    }

    private static Arbitrary<String> number(int width, int min, int max) {
        return Arbitraries.integers().between(min, max).map(v -> String.format("%0" + width + "d", v));
    }
}
