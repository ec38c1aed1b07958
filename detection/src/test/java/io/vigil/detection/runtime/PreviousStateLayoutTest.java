package io.vigil.detection.runtime;

import static io.vigil.detection.Fixtures.cpu;
import static io.vigil.detection.Fixtures.sshFailure;
import static io.vigil.detection.Fixtures.sshSuccess;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.common.LogEvent;
import io.vigil.detection.Fixtures;
import io.vigil.detection.alert.Alert;
import io.vigil.detection.rule.Rule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Operator state written by an earlier version restores: its waiting inputs are taken over, so an
 * operator restored from it gives the alerts of one that never stopped. Each folder of
 * {@code src/test/resources} holds one layout's files, written by the version that had it and not
 * to be rewritten by a later one, so that a change of layout has to prove it restores them all:
 * {@code state-v1}, seven states per group, written at 8802a72 ({@code -Dvigil.write-state=v1} then);
 * {@code state-v2}, one {@link GroupState} per group ({@code -Dvigil.write-state=v2}).
 */
class PreviousStateLayoutTest {
    private static final String ATTACKER = "203.0.113.7";

    /** The layouts whose files the current version must restore; the last is the current one. */
    enum Layout {
        V1,
        V2;

        Path file(Scenario s) {
            return Path.of(
                    "src/test/resources/state-" + name().toLowerCase(), s.name().toLowerCase() + ".snapshot");
        }
    }

    /** Events before the snapshot, events after it: each scenario leaves inputs waiting at the snapshot. */
    enum Scenario {
        THRESHOLD(
                Fixtures.CPU_HIGH,
                () -> List.of(
                        cpu(0, "web-01", 95), cpu(60, "web-01", 96), cpu(30, "web-01", 97), cpu(200, "web-02", 99)),
                () -> List.of(
                        cpu(45, "web-01", 20),
                        cpu(90, "web-01", 95),
                        cpu(120, "web-01", 99.5),
                        cpu(230, "web-02", 99),
                        cpu(260, "web-02", 99))),
        COUNT(Fixtures.BRUTE_FORCE, () -> failures(0, 3), () -> concat(failures(1, 3), failures(40, 4))),
        SEQUENCE(
                Fixtures.BRUTE_THEN_SUCCESS,
                () -> failures(10, 4),
                () -> concat(failures(2, 3), List.of(sshSuccess(60, "web-01", ATTACKER))));

        final Rule rule;
        final Supplier<List<LogEvent>> before;
        final Supplier<List<LogEvent>> after;

        Scenario(String rule, Supplier<List<LogEvent>> before, Supplier<List<LogEvent>> after) {
            this.rule = Fixtures.rule(rule);
            this.before = before;
            this.after = after;
        }

        /** The scenario's events with ids that do not depend on which tests ran before. */
        List<LogEvent> events(boolean afterSnapshot) {
            List<LogEvent> events = (afterSnapshot ? after : before).get();
            for (int i = 0; i < events.size(); i++) {
                events.get(i).id = name() + (afterSnapshot ? "-after-" : "-before-") + i;
            }
            return events;
        }
    }

    private static List<LogEvent> failures(int fromSecond, int n) {
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(sshFailure(fromSecond + i * 5, "web-01", ATTACKER));
        }
        return events;
    }

    private static List<LogEvent> concat(List<LogEvent> a, List<LogEvent> b) {
        List<LogEvent> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    static Stream<Arguments> layoutsAndScenarios() {
        return Arrays.stream(Layout.values())
                .flatMap(l -> Arrays.stream(Scenario.values()).map(s -> Arguments.of(l, s)));
    }

    @ParameterizedTest
    @MethodSource("layoutsAndScenarios")
    void aRestoredOperatorGivesTheAlertsOfOneThatNeverStopped(Layout layout, Scenario s) throws Exception {
        Layout current = Layout.values()[Layout.values().length - 1];
        if (layout == current && current.name().equalsIgnoreCase(System.getProperty("vigil.write-state"))) {
            try (var h = new RuleHarness(s.rule)) {
                h.send(s.events(false).toArray(LogEvent[]::new));
                Files.createDirectories(layout.file(s).getParent());
                OperatorSnapshotUtil.writeStateHandle(
                        h.snapshot(1L), layout.file(s).toString());
            }
        }
        Map<String, Long> uninterrupted;
        try (var h = new RuleHarness(s.rule)) {
            h.send(s.events(false).toArray(LogEvent[]::new));
            h.send(s.events(true).toArray(LogEvent[]::new));
            uninterrupted = fingerprints(h.alerts());
        }
        OperatorSubtaskState old =
                OperatorSnapshotUtil.readStateHandle(layout.file(s).toString());
        try (var restored = new RuleHarness(s.rule, DetectionSettings.DEFAULTS, old)) {
            restored.send(s.events(true).toArray(LogEvent[]::new));
            assertThat(uninterrupted).isNotEmpty();
            assertThat(fingerprints(restored.alerts())).isEqualTo(uninterrupted);
            assertThat(restored.late()).isEmpty();
            // the alerts hold events from before the snapshot: the waiting inputs were taken over
            assertThat(restored.alerts().values())
                    .flatExtracting(a -> a.eventIds)
                    .anyMatch(id -> id.contains("-before-"));
            if (layout == Layout.V1) {
                // every group got events after the restore: the previous layout holds none of them any more
                KeyedStateBackend<Object> backend =
                        restored.harness.getOperator().getKeyedStateBackend();
                for (String state : List.of("ordered-history", "ordered-live", "ordered-settled")) {
                    try (Stream<Object> keys = backend.getKeys(state, VoidNamespace.INSTANCE)) {
                        assertThat(keys).as(state).isEmpty();
                    }
                }
            }
        }
    }

    private static Map<String, Long> fingerprints(Map<String, Alert> alerts) {
        Map<String, Long> fingerprints = new TreeMap<>();
        alerts.forEach((id, a) -> fingerprints.put(id, a.fingerprint()));
        return fingerprints;
    }
}
