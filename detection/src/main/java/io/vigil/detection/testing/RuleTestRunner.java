package io.vigil.detection.testing;

import io.vigil.common.LogEvent;
import io.vigil.detection.alert.Alert;
import io.vigil.detection.rule.Rule;
import io.vigil.detection.runtime.Detection;
import io.vigil.detection.runtime.DetectionSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * Runs rule test cases through the real compiled operators: one local Flink execution (an
 * in-JVM MiniCluster) per run, with every rule under test compiled by {@link Detection} exactly
 * as the job compiles it, fed every case's events with event time and watermarks.
 *
 * <p>Cases are isolated in time, not by separate jobs: case k's timeline is moved to its own
 * ten-day slot (its events keep their order and spacing), far beyond any window or
 * suppression, so no state crosses from one case into the next. Alerts are mapped back to the
 * case and times they belong to. As with Elasticsearch upserts, the last emission of an alert
 * id is the alert.
 */
public final class RuleTestRunner {
    /** The job's default bounded out-of-orderness (event-time.out-of-orderness). */
    public static final Duration OUT_OF_ORDERNESS = Duration.ofSeconds(5);

    private static final long SLOT = Duration.ofDays(10).toMillis();
    private static final long ORIGIN = Instant.parse("2001-01-01T00:00:00Z").toEpochMilli();
    /** A case may reach this far before or after its start; rules this long cannot be isolated. */
    private static final long REACH = Duration.ofDays(4).toMillis();

    private RuleTestRunner() {}

    /** The outcome of one case, as printed: {@code PASS file: name} or {@code FAIL file:line: name: detail}. */
    public record CaseResult(String file, int line, String name, boolean passed, String detail) {
        @Override
        public String toString() {
            return passed ? "PASS  " + file + ": " + name : "FAIL  " + file + ":" + line + ": " + name + ": " + detail;
        }
    }

    private record Slot(int index, RuleTestFile file, RuleTestFile.Case testCase, Rule rule) {
        long origin() {
            return ORIGIN + index * SLOT + SLOT / 2;
        }

        long toRun(long time) {
            return origin() + (time - testCase.start().toEpochMilli());
        }

        Instant fromRun(long time) {
            return testCase.start().plusMillis(time - origin());
        }

        String runId(String id) {
            return index + "/" + id;
        }
    }

    public static List<CaseResult> run(List<RuleTestFile> files, List<Rule> rules) throws Exception {
        Map<String, Rule> byId = new LinkedHashMap<>();
        Map<String, Rule> byFile = new HashMap<>();
        for (Rule rule : rules) {
            byId.put(rule.id(), rule);
            byFile.put(Path.of(rule.source()).normalize().toString(), rule);
        }
        Map<RuleTestFile.Case, CaseResult> results = new IdentityHashMap<>();
        List<Slot> slots = new ArrayList<>();
        Map<String, Rule> underTest = new LinkedHashMap<>();
        for (RuleTestFile file : files) {
            Rule rule = file.ruleId() != null
                    ? byId.get(file.ruleId())
                    : byFile.get(Path.of(file.ruleFile()).normalize().toString());
            for (RuleTestFile.Case c : file.cases()) {
                String problem = rule == null
                        ? "no valid rule "
                                + (file.ruleId() != null ? "'" + file.ruleId() + "'" : "in " + file.ruleFile())
                                + " to test"
                        : unusable(c, rule, byId);
                if (problem != null) {
                    results.put(c, new CaseResult(file.file(), c.line(), c.name(), false, problem));
                    continue;
                }
                slots.add(new Slot(slots.size(), file, c, rule));
                underTest.put(rule.id(), rule);
                for (RuleTestFile.Expected e : c.expected()) {
                    if (e.ruleId() != null) {
                        underTest.put(e.ruleId(), byId.get(e.ruleId()));
                    }
                }
            }
        }
        List<RunOutput> outputs = slots.isEmpty() ? List.of() : execute(slots, new ArrayList<>(underTest.values()));

        Map<String, Alert> alerts = new LinkedHashMap<>();
        Map<String, Set<String>> tagged = new HashMap<>();
        for (RunOutput output : outputs) {
            if (output.alert != null && output.alert.withdrawn) {
                alerts.remove(output.alert.id); // as the sink deletes it
            } else if (output.alert != null) {
                alerts.put(output.alert.id, output.alert); // the last emission is the alert, as with upserts
            } else {
                for (String ruleId : output.threatRuleIds) {
                    tagged.computeIfAbsent(ruleId, k -> new LinkedHashSet<>()).add(output.eventId);
                }
            }
        }
        for (Slot slot : slots) {
            results.put(slot.testCase(), check(slot, alerts.values(), tagged));
        }
        List<CaseResult> ordered = new ArrayList<>();
        for (RuleTestFile file : files) {
            for (RuleTestFile.Case c : file.cases()) {
                ordered.add(results.get(c));
            }
        }
        return ordered;
    }

    private static String unusable(RuleTestFile.Case c, Rule rule, Map<String, Rule> byId) {
        long reach = rule.suppress().toMillis() + rule.window().toMillis();
        for (LogEvent e : c.events()) {
            long offset = Math.abs(e.timestamp - c.start().toEpochMilli()) + reach;
            if (offset > REACH) {
                return "events and windows must stay within 4 days of the case start";
            }
        }
        for (RuleTestFile.Expected e : c.expected()) {
            if (e.ruleId() != null && !byId.containsKey(e.ruleId())) {
                return "expected alert (line " + e.line() + ") names rule '" + e.ruleId() + "', which is not loaded";
            }
        }
        return null;
    }

    private static List<RunOutput> execute(List<Slot> slots, List<Rule> rules) throws Exception {
        List<LogEvent> events = new ArrayList<>();
        for (Slot slot : slots) {
            for (LogEvent e : slot.testCase().events()) {
                LogEvent copy = e.copy();
                copy.timestamp = slot.toRun(e.timestamp);
                copy.ingested = copy.timestamp;
                copy.id = slot.runId(e.id);
                events.add(copy);
            }
        }
        Configuration config = new Configuration();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, config);
        DataStream<LogEvent> input = env.fromData(events, TypeInformation.of(LogEvent.class))
                .name("rule-test-events")
                .assignTimestampsAndWatermarks(WatermarkStrategy.<LogEvent>forGenerator(
                                ctx -> new EveryEventWatermarks(OUT_OF_ORDERNESS.toMillis()))
                        .withTimestampAssigner((event, previous) -> event.timestamp))
                .name("rule-test-event-time");
        Detection.Streams detection = Detection.attach(input, rules, DetectionSettings.DEFAULTS);
        DataStream<RunOutput> collected = detection
                .alerts()
                .map(RunOutput::of)
                .returns(RunOutput.class)
                .union(detection
                        .annotated()
                        .filter(e -> e.threats != null)
                        .map(RunOutput::of)
                        .returns(RunOutput.class));
        List<RunOutput> outputs = new ArrayList<>();
        try (CloseableIterator<RunOutput> it = collected.executeAndCollect("vigil rules test")) {
            it.forEachRemaining(outputs::add);
        }
        return outputs;
    }

    private static CaseResult check(Slot slot, java.util.Collection<Alert> allAlerts, Map<String, Set<String>> tagged) {
        RuleTestFile.Case c = slot.testCase();
        Set<String> ruleIds = new LinkedHashSet<>();
        ruleIds.add(slot.rule().id());
        c.expected().forEach(e -> ruleIds.add(e.ruleId() == null ? slot.rule().id() : e.ruleId()));
        List<Map<String, Object>> actual = new ArrayList<>();
        for (Alert alert : allAlerts) {
            if (ruleIds.contains(alert.ruleId) && Math.floorDiv(alert.firstSeen - ORIGIN, SLOT) == slot.index()) {
                actual.add(describe(alert, slot));
            }
        }
        actual.sort((a, b) -> ((Instant) a.get("first_seen")).compareTo((Instant) b.get("first_seen")));
        String file = slot.file().file();
        if (actual.size() != c.expected().size()) {
            return new CaseResult(
                    file,
                    c.line(),
                    c.name(),
                    false,
                    "expected " + c.expected().size() + " alert(s), got " + actual.size()
                            + (actual.isEmpty() ? "" : ": " + brief(actual)));
        }
        List<Map<String, Object>> unmatched = new ArrayList<>(actual);
        for (RuleTestFile.Expected expected : c.expected()) {
            Map<String, Object> wanted = new LinkedHashMap<>(expected.properties());
            wanted.put("rule", expected.ruleId() == null ? slot.rule().id() : expected.ruleId());
            Map<String, Object> match = unmatched.stream()
                    .filter(a ->
                            wanted.entrySet().stream().allMatch(w -> Objects.equals(w.getValue(), a.get(w.getKey()))))
                    .findFirst()
                    .orElse(null);
            if (match == null) {
                return new CaseResult(
                        file,
                        expected.line(),
                        c.name(),
                        false,
                        "no alert matches " + wanted + "; got " + brief(unmatched));
            }
            unmatched.remove(match);
        }
        if (c.tagged() != null) {
            Set<String> got = tagged.getOrDefault(slot.rule().id(), Set.of()).stream()
                    .filter(id -> id.startsWith(slot.index() + "/"))
                    .map(id -> id.substring(id.indexOf('/') + 1))
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            if (!got.equals(new LinkedHashSet<>(c.tagged()))) {
                return new CaseResult(
                        file,
                        c.line(),
                        c.name(),
                        false,
                        "expected events " + c.tagged() + " tagged with "
                                + slot.rule().id() + ", got " + got);
            }
        }
        return new CaseResult(file, c.line(), c.name(), true, "");
    }

    /** An alert as expectations see it: case-local times and event ids. */
    private static Map<String, Object> describe(Alert alert, Slot slot) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("rule", alert.ruleId);
        d.put("group_key", alert.groupKey);
        d.put("host", alert.host);
        d.put("severity", alert.severity);
        d.put("count", alert.count);
        d.put("first_seen", slot.fromRun(alert.firstSeen));
        d.put("last_seen", slot.fromRun(alert.lastSeen));
        d.put(
                "event_ids",
                alert.eventIds.stream()
                        .map(id -> id.substring(id.indexOf('/') + 1))
                        .toList());
        d.put("summary", alert.summary);
        return d;
    }

    private static String brief(List<Map<String, Object>> alerts) {
        return alerts.stream()
                .map(a -> {
                    Map<String, Object> b = new LinkedHashMap<>(a);
                    b.remove("summary");
                    b.remove("event_ids");
                    return b.toString();
                })
                .collect(Collectors.joining(", "));
    }

    /**
     * The job's bounded out-of-orderness, but a watermark after every event instead of every
     * 200 ms of wall time, so which events count as late does not depend on machine speed.
     */
    public static final class EveryEventWatermarks implements WatermarkGenerator<LogEvent> {
        private final long outOfOrderness;
        private long newest = Long.MIN_VALUE;

        public EveryEventWatermarks(long outOfOrderness) {
            this.outOfOrderness = outOfOrderness;
        }

        @Override
        public void onEvent(LogEvent event, long timestamp, WatermarkOutput output) {
            if (timestamp > newest) {
                newest = timestamp;
                output.emitWatermark(new Watermark(newest - outOfOrderness - 1));
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {}
    }
}
