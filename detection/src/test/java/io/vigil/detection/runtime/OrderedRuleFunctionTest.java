package io.vigil.detection.runtime;

import static io.vigil.detection.Fixtures.at;
import static io.vigil.detection.Fixtures.sshFailure;
import static io.vigil.detection.Fixtures.sshSuccess;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.common.LogEvent;
import io.vigil.detection.Fixtures;
import io.vigil.detection.rule.Rule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the rule operators put late inputs in their place, and where that ends. */
class OrderedRuleFunctionTest {
    private static final Rule BRUTE = Fixtures.rule(Fixtures.BRUTE_FORCE);
    private static final Rule LOGIN = Fixtures.rule(Fixtures.LOGIN);
    private static final String ATTACKER = "185.190.58.151";
    private static final long WINDOW = DetectionSettings.DEFAULT_REORDER_WINDOW.toMillis();

    @Test
    void anAttackSplitOverTwoPartitionsReadHoursApartInEventTimeGivesTheAlertsOfTheWholeAttack() throws Exception {
        // Half an hour of failures, every 10 s, alternating partitions; partition 0 is read to its
        // end before partition 1 starts (a backfill: seconds of arrival, half an hour of event time).
        List<LogEvent> p0 = new ArrayList<>();
        List<LogEvent> p1 = new ArrayList<>();
        for (int i = 0; i < 180; i++) {
            (i % 2 == 0 ? p0 : p1).add(sshFailure(i * 10, "web-01", ATTACKER));
        }
        List<String> inOrder;
        try (var h = new RuleHarness(BRUTE)) {
            for (int i = 0; i < 90; i++) {
                h.send(p0.get(i), p1.get(i));
            }
            inOrder = h.finalAlerts().stream()
                    .map(a -> a.id + " " + a.count + " " + a.firstSeen + " " + a.lastSeen)
                    .toList();
        }
        try (var h = new RuleHarness(BRUTE)) {
            h.send(p0.toArray(new LogEvent[0]));
            assertThat(h.finalAlerts())
                    .as("alone, partition 0 has 3 failures a minute: short of 5")
                    .isEmpty();
            h.send(p1.toArray(new LogEvent[0]));
            assertThat(h.finalAlerts())
                    .extracting(a -> a.id + " " + a.count + " " + a.firstSeen + " " + a.lastSeen)
                    .containsExactlyElementsOf(inOrder)
                    .isNotEmpty();
            assertThat(h.late()).isEmpty();
        }
    }

    @Test
    void aLateEventThatJoinsTwoAlertsWithdrawsTheSecond() throws Exception {
        try (var h = new RuleHarness(LOGIN)) {
            h.send(sshSuccess(0, "web-01", ATTACKER), sshSuccess(19 * 60, "web-01", ATTACKER));
            assertThat(h.finalAlerts()).hasSize(2);
            String second = h.finalAlerts().get(1).id;
            h.send(sshSuccess(9 * 60 + 30, "web-01", ATTACKER)); // within suppress of both
            assertThat(h.finalAlerts()).singleElement().satisfies(a -> {
                assertThat(a.count).isEqualTo(3);
                assertThat(a.lastSeen).isEqualTo(at(19 * 60));
            });
            assertThat(h.emissions()).last().satisfies(a -> assertThat(a.id).isNotEqualTo(second));
            assertThat(h.emissions()).anySatisfy(a -> {
                assertThat(a.withdrawn).isTrue();
                assertThat(a.id).isEqualTo(second);
            });
        }
    }

    @Test
    void anInputThatComesMoreThanTheReorderWindowAfterTheInputsItBelongsBeforeIsLate() throws Exception {
        try (var h = new RuleHarness(BRUTE)) {
            h.processingTime(0);
            for (int i = 0; i < 5; i++) {
                h.send(sshFailure(60 + i, "web-01", ATTACKER));
            }
            h.watermark(at(120));
            h.processingTime(WINDOW + 1);
            LogEvent late = sshFailure(30, "web-01", ATTACKER);
            LogEvent inTime = sshFailure(200, "web-01", ATTACKER);
            h.send(late, inTime);
            assertThat(h.late()).containsExactly(late.id);
            assertThat(h.onlyFinalAlert().count).isEqualTo(6);
        }
    }

    @Test
    void aRecordDatedInTheFutureDoesNotMakeRealEventsLate() throws Exception {
        try (var h = new RuleHarness(BRUTE)) {
            h.processingTime(0);
            h.send(sshFailure(23 * 3600, "web-01", ATTACKER)); // a producer's clock a day ahead
            h.watermark(at(0));
            h.processingTime(2 * WINDOW);
            for (int i = 0; i < 5; i++) {
                h.send(sshFailure(i * 5, "web-01", ATTACKER));
            }
            assertThat(h.late()).isEmpty();
            assertThat(h.finalAlerts()).extracting(a -> a.count).contains(5L);
        }
    }

    @Test
    void theHistoryCapMakesTheOldestInputsFinal() throws Exception {
        DetectionSettings settings = new DetectionSettings(Duration.ofMinutes(5), 256);
        try (var h = new RuleHarness(BRUTE, settings, null)) {
            for (int i = 0; i < 1000; i++) {
                h.send(sshFailure(i, "web-01", "198.51.100." + (i % 2)));
            }
            LogEvent old = sshFailure(0, "web-01", "198.51.100.0");
            h.send(old);
            assertThat(h.late())
                    .as("a duplicate of a final input is late, not counted twice")
                    .containsExactly(old.id);
            assertThat(h.finalAlerts()).extracting(a -> a.count).containsExactlyInAnyOrder(500L, 500L);
        }
    }

    @Test
    void theSameEventTwiceCountsOnce() throws Exception {
        try (var h = new RuleHarness(BRUTE)) {
            List<LogEvent> events = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                events.add(sshFailure(i, "web-01", ATTACKER));
            }
            h.send(events.toArray(new LogEvent[0]));
            h.send(events.get(2), events.get(4)); // a replayed Kafka record
            assertThat(h.onlyFinalAlert().count).isEqualTo(5);
        }
    }
}
