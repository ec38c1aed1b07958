package io.vigil.query.params;

import java.time.Instant;

/** {@code from} / {@code to} of a request: either may be open (null); from is inclusive, to exclusive. */
public record TimeRange(Instant from, Instant to) {

    public static TimeRange parse(String from, String to, Instant now) {
        Instant start = TimeExpression.parse("from", from, now);
        Instant end = TimeExpression.parse("to", to, now);
        if (start != null && end != null && start.isAfter(end)) {
            throw new BadParameterException("from", "must not be after 'to'");
        }
        return new TimeRange(start, end);
    }

    public boolean isOpen() {
        return from == null && to == null;
    }
}
