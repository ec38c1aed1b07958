package io.vigil.common;

import java.util.List;
import java.util.Map;

/** The Kafka topics producers write to (CONTRACT.md), and how Vigil creates them. */
public final class Topics {
    public static final String METRICS = "system-metrics";
    public static final String THREATS = "threat-logs";
    public static final List<String> ALL = List.of(METRICS, THREATS);

    /**
     * Topic settings wherever Vigil creates the topics (the local stack, tests, and
     * scripts/compose/kafka-run.sh, which a test holds to these). LogAppendTime: the record's
     * timestamp is when the broker received it, not what the producer claims, so it is a clock
     * no producer controls; the job bounds how far ahead of it a record's own time may move event
     * time (a host dated a day ahead must not make every real event late).
     */
    public static final Map<String, String> CONFIG = Map.of("message.timestamp.type", "LogAppendTime");

    private Topics() {}
}
