package io.vigil.query.alerts;

import io.vigil.common.AlertStatus;

/**
 * Published after an analyst's status change is stored, so that whoever acts on it (the notifier:
 * a closed alert resolves its PagerDuty incident) does so at once instead of at its next poll.
 */
public record AlertStatusChanged(String alertId, AlertStatus from, AlertStatus to) {}
