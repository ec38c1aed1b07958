package io.vigil.common;

import java.util.List;

/** The Kafka topics producers write to (CONTRACT.md). */
public final class Topics {
    public static final String METRICS = "system-metrics";
    public static final String THREATS = "threat-logs";
    public static final List<String> ALL = List.of(METRICS, THREATS);

    private Topics() {
    }
}
