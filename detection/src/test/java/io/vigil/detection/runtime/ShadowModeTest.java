package io.vigil.detection.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.common.LogEvent;
import io.vigil.detection.Fixtures;
import io.vigil.detection.alert.Alert;
import io.vigil.detection.rule.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;

/**
 * A rule in {@code mode: shadow} runs through the same operators and raises the same alerts, marked
 * shadow; the events it matches are not tagged with it, so what analysts see of them is unchanged.
 */
class ShadowModeTest {
    private static final String MATCH = """
            id: root-login
            title: Root login
            severity: HIGH
            kind: match
            detection:
              root: {event.action: ssh_login, user.name: root}
              condition: root
            """;

    @Test
    void aShadowRuleAlertsMarkedShadowAndLeavesTheEventsAsTheLiveRulesMakeThem() throws Exception {
        Rule live = Fixtures.rule(MATCH);
        Rule shadow = Fixtures.rule(MATCH.replace("root-login", "root-login-candidate") + "mode: shadow\n");
        Rule shadowCount = Fixtures.rule(Fixtures.BRUTE_FORCE + "mode: shadow\n");
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(Fixtures.event(
                    i,
                    "bastion-01",
                    Map.of(
                            "event.action",
                            "ssh_login",
                            "event.outcome",
                            "failure",
                            "user.name",
                            "root",
                            "source.ip",
                            "203.0.113.9")));
        }

        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, new Configuration());
        DataStream<LogEvent> input = env.fromData(events, TypeInformation.of(LogEvent.class))
                .assignTimestampsAndWatermarks(WatermarkStrategy.<LogEvent>forMonotonousTimestamps()
                        .withTimestampAssigner((e, previous) -> e.timestamp));
        Detection.Streams detection =
                Detection.attach(input, List.of(live, shadow, shadowCount), DetectionSettings.DEFAULTS);
        CloseableIterator<Alert> alerts = detection.alerts().collectAsync();
        CloseableIterator<LogEvent> annotated = detection.annotated().collectAsync();
        env.execute("shadow mode");

        List<Alert> emitted = new ArrayList<>();
        alerts.forEachRemaining(emitted::add);
        List<LogEvent> stored = new ArrayList<>();
        annotated.forEachRemaining(stored::add);

        assertThat(emitted)
                .filteredOn(a -> a.ruleId.equals("root-login"))
                .isNotEmpty()
                .allSatisfy(a -> assertThat(a.shadow).isFalse());
        assertThat(emitted)
                .filteredOn(a -> a.ruleId.equals("root-login-candidate"))
                .isNotEmpty()
                .allSatisfy(a -> assertThat(a.shadow).isTrue());
        assertThat(emitted)
                .filteredOn(a -> a.ruleId.equals("brute"))
                .isNotEmpty()
                .allSatisfy(a -> {
                    assertThat(a.shadow).isTrue();
                    assertThat(a.count).isEqualTo(5);
                });
        assertThat(stored)
                .hasSize(5)
                .allSatisfy(e -> assertThat(e.threats).extracting(t -> t.ruleId).containsExactly("root-login"));
    }
}
