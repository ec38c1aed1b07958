package io.vigil.query.alerts;

import io.vigil.common.AlertStatus;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Which status changes an analyst may make: acknowledge or close an open alert, close an
 * acknowledged one, and reopen an acknowledged or closed one. A closed alert is reopened before it
 * is acknowledged again, so the trail always shows the reopening.
 */
final class Transitions {
    private static final Map<AlertStatus, Set<AlertStatus>> ALLOWED = Map.of(
            AlertStatus.OPEN, EnumSet.of(AlertStatus.ACKNOWLEDGED, AlertStatus.CLOSED),
            AlertStatus.ACKNOWLEDGED, EnumSet.of(AlertStatus.CLOSED, AlertStatus.OPEN),
            AlertStatus.CLOSED, EnumSet.of(AlertStatus.OPEN));

    private Transitions() {}

    static boolean allowed(AlertStatus from, AlertStatus to) {
        return ALLOWED.get(from).contains(to);
    }
}
