package io.vigil.detection.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.common.LogEvent;
import io.vigil.detection.Fixtures;
import io.vigil.detection.alert.Alert;
import io.vigil.detection.rule.Rule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;

/**
 * The ordering guarantee as a property: for every rule kind, whatever order a group's events
 * arrive in (any shuffle: any spread over partitions, any partition read first), with watermarks
 * anywhere in between and a restore from a snapshot at any point, the alerts at the end are the
 * ones the events give in event-time order.
 */
class SameEventsSameAlertsProperties {
    private static final String[] SOURCES = {"203.0.113.7", "198.51.100.23", "192.0.2.10"};
    private static final String[] HOSTS = {"web-01", "web-02", "db-01"};

    private static final Rule COUNT = Fixtures.rule(Fixtures.BRUTE_FORCE);
    private static final Rule DISTINCT = Fixtures.rule("""
            id: scan
            title: Scan
            severity: MEDIUM
            kind: count
            group_by: [source.ip]
            suppress: 5m
            detection:
              c: {event.category: network}
              condition: c
            count: {within: 60s, at_least: 4, distinct: destination.port}
            """);
    private static final Rule THRESHOLD = Fixtures.rule(Fixtures.CPU_HIGH);
    private static final Rule SEQUENCE_RELAXED = Fixtures.rule(Fixtures.BRUTE_THEN_SUCCESS);
    private static final Rule SEQUENCE_STRICT = Fixtures.rule("""
            id: brute-then-next-success
            title: Brute force, the next attempt succeeds
            severity: CRITICAL
            kind: sequence
            group_by: [source.ip]
            suppress: 30m
            """ + Fixtures.SSH_LOGINS + """
            sequence:
              within: 10m
              steps:
                - {name: failures, condition: failed, times: 3}
                - {name: success, condition: accepted, contiguity: strict}
            """);
    private static final Rule MATCH = Fixtures.rule(Fixtures.LOGIN);
    /** A Sigma event_count with an upper bound: decided when its window closes. */
    private static final Rule CLOSED_WINDOW = Fixtures.lastSigmaRule(Fixtures.SSHD_SIGMA_RULES + """
            title: Few failures
            correlation:
              type: event_count
              rules: [fail]
              group-by: [SourceIp]
              timespan: 5m
              condition: {gte: 2, lte: 3}
            """);

    /** One generated event: seconds after T0, which source, host, and a kind-specific choice. */
    record Spec(int second, int source, int host, int choice) {}

    @Provide
    Arbitrary<List<Spec>> events() {
        Arbitrary<Spec> one = Combinators.combine(
                        Arbitraries.integers().between(0, 1800),
                        Arbitraries.integers().between(0, SOURCES.length - 1),
                        Arbitraries.integers().between(0, HOSTS.length - 1),
                        Arbitraries.integers().between(0, 9))
                .as(Spec::new);
        return one.list().ofMinSize(1).ofMaxSize(60);
    }

    /** A rule of each kind, and the events a try's specs make for it. */
    private record Kind(Rule rule, Function<List<Spec>, List<LogEvent>> events) {}

    private static final List<Kind> KINDS = List.of(
            new Kind(COUNT, SameEventsSameAlertsProperties::failures),
            new Kind(DISTINCT, SameEventsSameAlertsProperties::portProbes),
            new Kind(THRESHOLD, SameEventsSameAlertsProperties::cpuSamples),
            new Kind(SEQUENCE_RELAXED, SameEventsSameAlertsProperties::logins),
            new Kind(SEQUENCE_STRICT, SameEventsSameAlertsProperties::logins),
            new Kind(MATCH, SameEventsSameAlertsProperties::logins),
            new Kind(CLOSED_WINDOW, SameEventsSameAlertsProperties::failures));

    /** Every kind on every try: each gets all 150 tries, as when each had a property of its own. */
    @Property(tries = 150)
    void everyRuleKind(
            @ForAll("events") List<Spec> specs, @ForAll long seed, @ForAll @IntRange(min = 0, max = 60) int restoreAt)
            throws Exception {
        for (Kind kind : KINDS) {
            check(kind.rule(), kind.events().apply(specs), seed, restoreAt);
        }
    }

    /** Connections from a source to a spread of ports: what a port scan looks like. */
    private static List<LogEvent> portProbes(List<Spec> specs) {
        List<LogEvent> events = new ArrayList<>();
        for (Spec s : specs) {
            events.add(Fixtures.event(
                    s.second(),
                    HOSTS[s.host()],
                    Map.of(
                            "event.category",
                            "network",
                            "source.ip",
                            SOURCES[s.source()],
                            "destination.port",
                            20 + s.choice())));
        }
        return events;
    }

    /** CPU samples of two hosts, mostly above the rule's 90 %. */
    private static List<LogEvent> cpuSamples(List<Spec> specs) {
        List<LogEvent> events = new ArrayList<>();
        for (Spec s : specs) {
            events.add(Fixtures.cpu(s.second(), HOSTS[s.host() % 2], s.choice() < 8 ? 91 + s.choice() : 40));
        }
        return events;
    }

    private static List<LogEvent> failures(List<Spec> specs) {
        List<LogEvent> events = new ArrayList<>();
        for (Spec s : specs) {
            events.add(Fixtures.sshFailure(s.second(), HOSTS[s.host()], SOURCES[s.source()]));
        }
        return events;
    }

    /** Mostly failures, some successes: what brute force followed by a login looks like. */
    private static List<LogEvent> logins(List<Spec> specs) {
        List<LogEvent> events = new ArrayList<>();
        for (Spec s : specs) {
            events.add(
                    s.choice() < 7
                            ? Fixtures.sshFailure(s.second() / 10, HOSTS[s.host()], SOURCES[s.source()])
                            : Fixtures.sshSuccess(s.second() / 10, HOSTS[s.host()], SOURCES[s.source()]));
        }
        return events;
    }

    /**
     * The events in event-time order, against the same events shuffled, with watermarks that
     * trail the newest event seen (as a source's would) and a restore after {@code restoreAt} of
     * them: the alerts at the end are the same.
     */
    private static void check(Rule rule, List<LogEvent> events, long seed, int restoreAt) throws Exception {
        List<LogEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparingLong((LogEvent e) -> e.timestamp).thenComparing(e -> e.id));
        Map<String, String> expected = run(rule, sorted, Integer.MAX_VALUE, false);

        // Another spread over partitions: other record ids (topic-partition-offset), any order.
        List<LogEvent> shuffled = new ArrayList<>();
        for (LogEvent e : events) {
            LogEvent copy = Fixtures.event(0, e.host, e.fields);
            copy.timestamp = e.timestamp;
            copy.kind = e.kind;
            copy.cpuUsage = e.cpuUsage;
            shuffled.add(copy);
        }
        java.util.Collections.shuffle(shuffled, new java.util.Random(seed));
        Map<String, String> actual = run(rule, shuffled, restoreAt, (seed & 1) == 0);
        assertThat(actual).as(rule.id()).isEqualTo(expected);
    }

    /** Feeds the events; returns the final alerts, id → what the index would hold. */
    private static Map<String, String> run(Rule rule, List<LogEvent> events, int restoreAt, boolean watermarks)
            throws Exception {
        Map<String, Alert> alerts = new TreeMap<>();
        RuleHarness h = new RuleHarness(rule);
        try {
            long newest = Long.MIN_VALUE;
            for (int i = 0; i < events.size(); i++) {
                if (i == restoreAt) {
                    collect(h, alerts);
                    OperatorSubtaskState snapshot = h.snapshot(i + 1);
                    h.close();
                    h = new RuleHarness(rule, DetectionSettings.DEFAULTS, snapshot);
                }
                LogEvent e = events.get(i);
                h.send(e);
                if (watermarks && e.timestamp > newest) {
                    newest = e.timestamp;
                    h.watermark(newest - 5_000);
                }
            }
            h.watermark(Long.MAX_VALUE);
            collect(h, alerts);
        } finally {
            h.close();
        }
        Map<String, String> described = new TreeMap<>();
        // Everything but the event ids, which name Kafka records, not events.
        alerts.forEach((id, a) -> described.put(
                id,
                a.severity + " count=" + a.count + " first=" + a.firstSeen + " last="
                        + a.lastSeen + " events=" + a.eventIds.size() + " host=" + a.host + " hosts=" + a.hosts
                        + " summary="
                        + a.summary + " context=" + a.context));
        return described;
    }

    private static void collect(RuleHarness h, Map<String, Alert> alerts) {
        for (Alert a : h.emissions()) {
            if (a.withdrawn) {
                alerts.remove(a.id);
            } else {
                alerts.put(a.id, a);
            }
        }
        h.harness.getOutput().clear();
    }
}
