package io.vigil.detection.bench;

import io.vigil.common.Fields;
import io.vigil.common.LogEvent;
import io.vigil.detection.parse.RuleFiles;
import io.vigil.detection.rule.Rule;
import io.vigil.detection.rule.RuleKind;
import io.vigil.detection.runtime.Detection;
import io.vigil.detection.runtime.DetectionSettings;
import io.vigil.detection.runtime.RuleProjection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * A rough measurement of what the starter pack costs per event (reported, never asserted):
 * (1) the stateless part — every match condition plus every stateful rule's prefilter — in a
 * timed loop; (2) a local Flink run (parallelism 1) of the same events with and without the
 * compiled rules. Run: {@code java -cp <test classpath> io.vigil.detection.bench.DetectionCost [events]}.
 */
public final class DetectionCost {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 400_000;
        List<Rule> rules = RuleFiles.loadForJob(Path.of(args.length > 1 ? args[1] : "rules"));
        List<LogEvent> events = mix(n);

        List<Rule> match =
                rules.stream().filter(r -> r.kind() == RuleKind.MATCH).toList();
        List<RuleProjection> projections = rules.stream()
                .filter(r -> r.kind() != RuleKind.MATCH)
                .map(RuleProjection::new)
                .toList();
        for (int round = 0; round < 3; round++) {
            long hits = 0;
            long start = System.nanoTime();
            for (LogEvent e : events) {
                for (Rule r : match) {
                    if (r.condition().test(e)) {
                        hits++;
                    }
                }
                for (RuleProjection p : projections) {
                    if (p.project(e) != null) {
                        hits++;
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(
                    "evaluator loop: %,d events in %.2f s = %,.0f events/s (%.2f µs/event, %d hits)%n",
                    n, seconds, n / seconds, seconds * 1e6 / n, hits);
        }
        if (args.length > 2 && args[2].equals("per-rule")) {
            for (Rule rule : rules) {
                System.out.printf("  %-26s %,8.0f events/s%n", rule.id(), run(events, List.of(rule)));
            }
            return;
        }
        for (boolean withRules : new boolean[] {false, true, false, true}) {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
            DataStream<LogEvent> stream = env.fromData(events, TypeInformation.of(LogEvent.class))
                    .assignTimestampsAndWatermarks(
                            WatermarkStrategy.<LogEvent>forBoundedOutOfOrderness(Duration.ofSeconds(5))
                                    .withTimestampAssigner((e, p) -> e.timestamp));
            if (withRules) {
                Detection.Streams d = Detection.attach(stream, rules, DetectionSettings.DEFAULTS);
                d.annotated().sinkTo(new DiscardingSink<>());
                d.alerts().sinkTo(new DiscardingSink<>());
            } else {
                stream.sinkTo(new DiscardingSink<>());
            }
            long start = System.nanoTime();
            env.execute();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(
                    "local Flink job %s rules: %,d events in %.2f s = %,.0f events/s%n",
                    withRules ? "with" : "without", n, seconds, n / seconds);
        }
    }

    private static double run(List<LogEvent> events, List<Rule> rules) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
        DataStream<LogEvent> stream = env.fromData(events, TypeInformation.of(LogEvent.class))
                .assignTimestampsAndWatermarks(
                        WatermarkStrategy.<LogEvent>forBoundedOutOfOrderness(Duration.ofSeconds(5))
                                .withTimestampAssigner((e, p) -> e.timestamp));
        Detection.Streams d = Detection.attach(stream, rules, DetectionSettings.DEFAULTS);
        d.annotated().sinkTo(new DiscardingSink<>());
        d.alerts().sinkTo(new DiscardingSink<>());
        long start = System.nanoTime();
        env.execute();
        return events.size() / ((System.nanoTime() - start) / 1e9);
    }

    /** 60% sshd logins (mostly failures from 2,000 sources), 10% sudo, 30% metric samples from 200 hosts. */
    static List<LogEvent> mix(int n) {
        List<LogEvent> events = new ArrayList<>(n);
        long t0 = 1_780_000_000_000L;
        for (int i = 0; i < n; i++) {
            LogEvent e = new LogEvent();
            e.id = "bench-" + i;
            e.timestamp = t0 + i * 10L;
            e.host = "host-" + (i % 200);
            e.severity = "LOW";
            e.message = "";
            int kind = i % 10;
            if (kind < 6) {
                e.kind = Fields.KIND_EVENT;
                e.fields.putAll(Map.of(
                        "event.category",
                        "authentication",
                        "event.action",
                        "ssh_login",
                        "event.outcome",
                        kind < 5 ? "failure" : "success",
                        "source.ip",
                        "203.0." + (i % 2000) / 250 + "." + (i % 250),
                        "user.name",
                        "user" + (i % 50),
                        "process.name",
                        "sshd"));
            } else if (kind == 6) {
                e.kind = Fields.KIND_EVENT;
                e.fields.putAll(Map.of(
                        "event.category",
                        "process",
                        "event.action",
                        "sudo_command",
                        "event.outcome",
                        "success",
                        "user.name",
                        i % 3 == 0 ? "admin" : "bob",
                        "user.target.name",
                        "root",
                        "process.command_line",
                        "/usr/bin/systemctl status nginx"));
            } else {
                e.kind = Fields.KIND_METRIC;
                e.cpuUsage = (double) (i % 100);
                e.memoryPercentage = (double) ((i / 7) % 100);
                e.networkIn = 1000.0;
                e.networkOut = 2000.0;
            }
            events.add(e);
        }
        return events;
    }
}
