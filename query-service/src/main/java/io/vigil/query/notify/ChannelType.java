package io.vigil.query.notify;

import java.util.Locale;
import java.util.Optional;

/** The receivers Vigil speaks to, with what each allows. */
enum ChannelType {
    /** Slack incoming webhook: one message may carry a group of alerts. */
    SLACK(true, false),
    /** PagerDuty Events API v2: one event per alert (dedup_key = alert id), resolved when the alert is closed. */
    PAGERDUTY(false, true),
    /** Any HTTP endpoint: one JSON alert per POST, optionally HMAC-signed. */
    WEBHOOK(false, false);

    private final boolean groups;
    private final boolean resolves;

    ChannelType(boolean groups, boolean resolves) {
        this.groups = groups;
        this.resolves = resolves;
    }

    boolean groups() {
        return groups;
    }

    boolean resolves() {
        return resolves;
    }

    String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<ChannelType> parse(String text) {
        for (ChannelType type : values()) {
            if (type.value().equals(text)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
