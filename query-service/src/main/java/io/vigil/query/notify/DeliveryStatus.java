package io.vigil.query.notify;

import java.util.Locale;

/**
 * The life of a notification document: {@code pending} (claimed for the channel, waiting for its
 * time), {@code sending} (taken by a sender until {@code lease_until}), {@code retry} (failed, next
 * attempt at {@code not_before}), and the ends: {@code delivered}, {@code dead} (the channel's dead
 * letter after the last attempt, or a refusal no retry can fix) and {@code skipped} (the alert was
 * acknowledged, closed or deleted before it went out, with the reason).
 */
enum DeliveryStatus {
    PENDING,
    SENDING,
    RETRY,
    DELIVERED,
    DEAD,
    SKIPPED;

    String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    static DeliveryStatus parse(String text) {
        for (DeliveryStatus s : values()) {
            if (s.value().equals(text)) {
                return s;
            }
        }
        return PENDING;
    }
}
