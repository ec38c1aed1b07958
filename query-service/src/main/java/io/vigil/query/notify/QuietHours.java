package io.vigil.query.notify;

import io.vigil.common.Severity;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.Set;

/**
 * A daily quiet period ({@code from} → {@code to} in {@code zone}; past midnight when {@code to} is
 * not after {@code from}; on {@code days} only, by the day it starts, or every day when empty).
 * Alerts below {@code letThrough} that arrive then are held, not dropped: they go out together when
 * the period ends, unless someone acknowledged or closed them in the meantime.
 */
record QuietHours(LocalTime from, LocalTime to, ZoneId zone, Set<DayOfWeek> days, Severity letThrough) {

    /** Whether an alert of this severity waits for the end of a quiet period. */
    boolean holds(Severity severity) {
        return letThrough == null || severity.compareTo(letThrough) < 0;
    }

    /** The end of the quiet period that {@code now} is in, or empty when it is in none. */
    Optional<Instant> endOfPeriodAt(Instant now) {
        ZonedDateTime local = now.atZone(zone);
        for (LocalDate start : new LocalDate[] {local.toLocalDate().minusDays(1), local.toLocalDate()}) {
            if (!days.isEmpty() && !days.contains(start.getDayOfWeek())) {
                continue;
            }
            ZonedDateTime begin = start.atTime(from).atZone(zone);
            ZonedDateTime end =
                    (to.isAfter(from) ? start : start.plusDays(1)).atTime(to).atZone(zone);
            if (!local.isBefore(begin) && local.isBefore(end)) {
                return Optional.of(end.toInstant());
            }
        }
        return Optional.empty();
    }
}
