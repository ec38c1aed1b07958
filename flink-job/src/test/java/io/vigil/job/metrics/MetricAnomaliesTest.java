package io.vigil.job.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The detectors on generated 1-minute series, through the real operator and its keyed state. */
class MetricAnomaliesTest {
    private static final long T0 = Instant.parse("2026-11-26T00:00:00Z").toEpochMilli();
    private static final long MINUTE = Duration.ofMinutes(1).toMillis();

    private static KeyedOneInputStreamOperatorTestHarness<String, MetricRollup, MetricRollup> harness()
            throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new MetricAnomalies(AnomalyConfig.defaults())), r -> r.host, Types.STRING);
        harness.open();
        return harness;
    }

    private static MetricRollup window(
            String host, int minute, double cpu, double memory, double netIn, double netOut) {
        RollupAccumulator acc = new RollupAccumulator();
        io.vigil.common.LogEvent sample = new io.vigil.common.LogEvent();
        sample.kind = "metric";
        sample.severity = "LOW";
        sample.cpuUsage = cpu;
        sample.memoryPercentage = memory;
        sample.networkIn = netIn;
        sample.networkOut = netOut;
        RollupPoint point = RollupPoint.of(sample);
        for (int i = 0; i < 30; i++) {
            acc.add(point);
        }
        return acc.toRollup(host, "1m", T0 + minute * MINUTE);
    }

    /**
     * A minute of a host that wanders a little around 30 % CPU, 40 % memory, 100 kB/s in and
     * {@code netOut} out: the everyday noise a detector must not mistake for an anomaly.
     */
    private static MetricRollup noisyWindow(String host, int minute, Random noise, double netOut) {
        return window(
                host,
                minute,
                30 + noise.nextGaussian(),
                40 + noise.nextGaussian() * 0.5,
                1e5 * (1 + noise.nextGaussian() * 0.05),
                netOut * (1 + noise.nextGaussian() * 0.05));
    }

    private static List<AnomalyFinding> findings(
            KeyedOneInputStreamOperatorTestHarness<String, MetricRollup, MetricRollup> h, String host) {
        var out = h.getSideOutput(MetricAnomalies.FINDINGS);
        return out == null
                ? List.of()
                : out.stream()
                        .map(StreamRecord::getValue)
                        .filter(f -> f.host.equals(host))
                        .toList();
    }

    /** Distinct alerts: one per anomaly rule and episode. */
    private static Set<String> alerts(List<AnomalyFinding> findings) {
        return findings.stream().map(f -> f.ruleId() + "@" + f.episodeStart).collect(Collectors.toSet());
    }

    @Test
    void aSteadyHostRaisesNothing() throws Exception {
        var h = harness();
        Random noise = new Random(1);
        for (int m = 0; m < 150; m++) {
            h.processElement(noisyWindow("steady", m, noise, 2e5), m);
        }
        assertThat(findings(h, "steady")).isEmpty();
        List<MetricRollup> out = h.extractOutputValues();
        assertThat(out).hasSize(150);
        // the forest starts once the baseline is warm: graded from the 30th window on
        assertThat(out.subList(0, 29))
                .allSatisfy(r -> assertThat(r.anomalyScore).isNull());
        assertThat(out.subList(29, 150))
                .allSatisfy(r -> assertThat(r.anomalyScore).isNotNull());
    }

    @Test
    void aTenfoldJumpInNetworkOutRaisesOneBaselineAlert() throws Exception {
        var h = harness();
        Random noise = new Random(2);
        for (int m = 0; m < 80; m++) {
            double out = m >= 60 && m < 64 ? 2e6 : 2e5;
            h.processElement(noisyWindow("leaky", m, noise, out), m);
        }
        List<AnomalyFinding> found = findings(h, "leaky");
        assertThat(alerts(found)).containsExactly("anomaly.baseline.net_out@" + (T0 + 60 * MINUTE));
        AnomalyFinding first = found.get(0);
        assertThat(first.observed).isGreaterThan(1.5e6);
        assertThat(first.expectedHigh).isLessThan(3e5);
        assertThat(first.summary).contains("network out", "outside its usual band");
    }

    @Test
    void aSteadyMemoryClimbRaisesOneTrendAlertWithAProjection() throws Exception {
        var h = harness();
        Random noise = new Random(3);
        for (int m = 0; m < 90; m++) {
            h.processElement(
                    window("leak", m, 30 + noise.nextGaussian(), 40 + m * 0.1 + noise.nextGaussian() * 0.05, 1e5, 2e5),
                    m);
        }
        List<AnomalyFinding> found = findings(h, "leak");
        assertThat(alerts(found)).hasSize(1).allSatisfy(a -> assertThat(a).startsWith("anomaly.trend.memory@"));
        assertThat(found.get(0).severity).isEqualTo("MEDIUM");
        assertThat(found.get(0).summary).contains("memory climbing", "projected to reach 100% in");
    }

    @Test
    void cpuOverTheStaticLimitRaisesAThresholdAlertWhoseSeverityGrowsWithTheExcess() throws Exception {
        var h = harness();
        h.processElement(window("hot", 0, 93, 40, 1e5, 1e5), 0);
        h.processElement(window("hot", 1, 99, 40, 1e5, 1e5), 1);
        List<AnomalyFinding> found = findings(h, "hot");
        assertThat(found)
                .extracting(f -> f.ruleId() + ":" + f.severity)
                .containsExactly("anomaly.threshold.cpu:MEDIUM", "anomaly.threshold.cpu:CRITICAL");
        assertThat(alerts(found)).hasSize(1); // the second window continues the same episode
    }

    @Test
    void theForestFlagsAChangeNoSingleMetricDetectorSees() throws Exception {
        var h = harness();
        Random noise = new Random(5);
        for (int m = 0; m < 110; m++) {
            MetricRollup r = window("probed", m, 30 + noise.nextGaussian(), 40 + noise.nextGaussian() * 0.5, 1e5, 2e5);
            r.authFailures = m >= 100 ? 40 : noise.nextInt(2); // a quiet password-guessing campaign
            h.processElement(r, m);
        }
        List<AnomalyFinding> found = findings(h, "probed");
        assertThat(found).isNotEmpty().allSatisfy(f -> assertThat(f.ruleId()).isEqualTo("anomaly.forest"));
        assertThat(alerts(found)).hasSize(1);
        assertThat(found.get(0).summary).contains("driven by auth_failures");
        assertThat(found.get(0).windowStart).isEqualTo(T0 + 100 * MINUTE);
    }

    @Test
    void baselinesAndTheForestSurviveASnapshotAndRestore() throws Exception {
        var h = harness();
        Random noise = new Random(4);
        for (int m = 0; m < 70; m++) {
            h.processElement(window("restored", m, 30 + noise.nextGaussian(), 40, 1e5, 2e5), m);
        }
        OperatorSubtaskState snapshot = h.snapshot(1, 70);
        h.close();

        var restored = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new MetricAnomalies(AnomalyConfig.defaults())),
                (MetricRollup r) -> r.host,
                Types.STRING);
        restored.initializeState(snapshot);
        restored.open();
        // Warm state: the very first window after the restore is judged against the old baseline.
        restored.processElement(window("restored", 70, 30, 40, 1e5, 2e6), 70);
        assertThat(alerts(findings(restored, "restored")))
                .containsExactly("anomaly.baseline.net_out@" + (T0 + 70 * MINUTE));
        assertThat(restored.extractOutputValues().get(0).anomalyScore).isNotNull();
    }

    @Test
    void aHostSilentForTheRetentionIsForgottenAndLeavesNoStateOrTimerBehind() throws Exception {
        var h = harness();
        for (int m = 0; m < 40; m++) { // warm: baselines and a forest
            h.processElement(window("gone", m, 30, 40, 1e5, 2e5), T0 + m * MINUTE);
            h.processElement(window("stays", m, 30, 40, 1e5, 2e5), T0 + m * MINUTE);
        }
        assertThat(h.numKeyedStateEntries()).isEqualTo(4); // host-metrics and forest-model of each
        assertThat(h.numEventTimeTimers()).isEqualTo(2); // one per host, however many windows

        // a day on, only "stays" keeps sending
        long day = Duration.ofHours(24).toMillis();
        h.processElement(window("stays", 40 + 24 * 60, 30, 40, 1e5, 2e5), T0 + day + 40 * MINUTE);
        h.processWatermark(T0 + day + 41 * MINUTE);

        assertThat(h.numKeyedStateEntries())
                .as("gone's state cleared, stays' kept")
                .isEqualTo(2);
        assertThat(h.numEventTimeTimers()).isEqualTo(1);
        h.processWatermark(T0 + 3 * day);
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
    }

    @Test
    void aHostSeenInFewerWindowsThanTheWarmupCostsNoForest() throws Exception {
        var h = harness();
        for (int i = 0; i < 1000; i++) {
            h.processElement(window("invented-" + i, 0, 30, 40, 1e5, 2e5), T0);
        }
        // one small entry per host (host-metrics), no 15-60 KB forest
        assertThat(h.numKeyedStateEntries()).isEqualTo(1000);
        assertThat(h.extractOutputValues())
                .allSatisfy(r -> assertThat(r.anomalyScore).isNull());
    }
}
