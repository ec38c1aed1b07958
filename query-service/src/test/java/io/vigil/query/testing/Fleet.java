package io.vigil.query.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.common.Globs;
import io.vigil.common.Indices;
import io.vigil.common.Topics;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;

/**
 * The shared read-only data set: four hosts' logs over the last 90 minutes, alerts, rules, dead
 * letters and metric rollups, seeded once per test JVM under prefix {@value #PREFIX}. Tests compare
 * the API's answers with what these Java lists say (computed here independently of Elasticsearch).
 */
public final class Fleet {
    public static final String PREFIX = "fleet";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Every time in the data set is relative to this (minute-aligned, so rollup windows are too). */
    public static final Instant BASE =
            Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(90));

    public static final List<String> HOSTS = List.of("web-01", "web-02", "db-01", "mail-01");
    public static final List<String> SEVERITIES = List.of("LOW", "MEDIUM", "HIGH", "CRITICAL");
    public static final int MINUTES = 60;
    public static final List<String> MESSAGES = List.of(
            "Failed password for root from 203.0.113.7 port 22 ssh2",
            "Accepted password for alice from 198.51.100.2 port 5022 ssh2",
            "pam_unix(sshd:session): session opened for user bob",
            "kernel: EXT4-fs error: disk full on /var",
            "sudo: carol : TTY=pts/0 ; COMMAND=/bin/cat /etc/shadow",
            "Failed publickey for invalid user admin from 203.0.113.9 port 40022 ssh2");

    public record Log(
            String id,
            Instant timestamp,
            String host,
            String severity,
            String kind,
            String topic,
            String message,
            long offset) {}

    public record Alert(
            String id,
            String ruleId,
            String severity,
            String host,
            String groupKey,
            Instant firstSeen,
            Instant lastSeen,
            long count,
            String status) {}

    public record Rule(String id, String title, String kind, String severity, List<String> tags, boolean enabled) {}

    /** One raw metric sample behind the rollups. */
    public record Sample(String host, Instant timestamp, double cpu, double memory, double netIn, double netOut) {}

    public static final List<Log> LOGS = logs();
    public static final List<Alert> ALERTS = List.of(
            new Alert("a-1", "ssh-brute-force", "HIGH", "web-01", "203.0.113.7", at(5), at(9), 12, "open"),
            new Alert("a-2", "ssh-brute-force", "HIGH", "db-01", "203.0.113.9", at(20), at(21), 5, "acknowledged"),
            new Alert("a-3", "cpu-high", "CRITICAL", "web-02", "web-02", at(30), at(45), 16, "closed"),
            new Alert("a-4", "cpu-high", "HIGH", "mail-01", "mail-01", at(50), at(55), 6, "open"),
            new Alert("a-5", "new-user", "MEDIUM", "web-01", "web-01", at(58), at(58), 1, "open"),
            new Alert("a-6", "sudo-root", "LOW", "db-01", "carol", at(10), at(40), 3, "open"));
    public static final List<Rule> RULES = List.of(
            new Rule("cpu-high", "CPU usage above 90%", "threshold", "HIGH", List.of("attack.impact"), true),
            new Rule("new-user", "New local user", "match", "MEDIUM", List.of("attack.t1136"), true),
            new Rule("port-scan", "Port scan", "count", "MEDIUM", List.of("attack.t1046"), false),
            new Rule("ssh-brute-force", "SSH brute force", "count", "HIGH", List.of("attack.t1110"), true),
            new Rule("sudo-root", "sudo to root", "match", "LOW", List.of("attack.t1548"), true));
    public static final int DEAD_LETTERS = 5;
    /** Minute samples: 6 per host and minute over the 60 minutes of logs. */
    public static final List<Sample> MINUTE_SAMPLES = minuteSamples();
    /** Hour samples: 4 per host and hour over the last 72 hours (for the 1h rollups). */
    public static final List<Sample> HOUR_SAMPLES = hourSamples();

    private static boolean seeded;

    private Fleet() {}

    public static Instant at(int minute) {
        return BASE.plus(Duration.ofMinutes(minute));
    }

    /** Minutes {@code from} (inclusive) to {@code to} (exclusive) of the data set. */
    public static Range minutes(int from, int to) {
        return new Range(at(from), at(to));
    }

    /** A time range as the endpoints take it: {@code from} inclusive, {@code to} exclusive. */
    public record Range(Instant from, Instant to) {
        /** {@code from=...&to=...}, the parameters that ask for it. */
        public String query() {
            return "from=" + from + "&to=" + to;
        }

        public boolean holds(Instant time) {
            return !time.isBefore(from) && time.isBefore(to);
        }
    }

    /** Seeds the data set once per JVM. */
    public static synchronized void seed(String url) {
        if (seeded) {
            return;
        }
        EsSeeder seeder = new EsSeeder(url, PREFIX).reset();
        Indices indices = seeder.indices();
        List<EsSeeder.Doc> docs = new ArrayList<>();
        for (Log log : LOGS) {
            docs.add(logDoc(indices, log));
        }
        for (Alert a : ALERTS) {
            docs.add(new EsSeeder.Doc(indices.alerts(), a.id(), alertSource(a)));
        }
        for (Rule r : RULES) {
            ObjectNode s = JSON.createObjectNode();
            s.put("id", r.id())
                    .put("title", r.title())
                    .put("kind", r.kind())
                    .put("severity", r.severity())
                    .put("enabled", r.enabled());
            r.tags().forEach(s.putArray("tags")::add);
            docs.add(new EsSeeder.Doc(indices.rules(), r.id(), s));
        }
        for (int i = 0; i < DEAD_LETTERS; i++) {
            ObjectNode s = JSON.createObjectNode();
            s.put("timestamp", at(i * 10).toString())
                    .put("reason", "bad JSON: unexpected end of input " + i)
                    .put("topic", Topics.THREATS)
                    .put("partition", 0)
                    .put("offset", 100 + i)
                    .put("raw", i == 4 ? "gP8=" : "{\"host\":\"web-01\",")
                    .put("raw_encoding", i == 4 ? "base64" : "utf-8");
            docs.add(new EsSeeder.Doc(indices.deadLetters(), Topics.THREATS + "-0-" + (100 + i), s));
        }
        docs.addAll(rollups(indices.metrics("1m"), MINUTE_SAMPLES, Duration.ofMinutes(1), "1m"));
        docs.addAll(rollups(indices.metrics("1h"), HOUR_SAMPLES, Duration.ofHours(1), "1h"));
        // A host-group rollup (no host): must never count in a summary, or samples count twice.
        ObjectNode group = JSON.createObjectNode();
        group.put("timestamp", at(10).toString())
                .put("interval", "1m")
                .put("host_group", "web")
                .put("samples", 1000)
                .put("cpu_sum", 99_000.0)
                .put("cpu_max", 99.0)
                .put("memory_sum", 99_000.0)
                .put("memory_max", 99.0)
                .put("net_in_sum", 1e12)
                .put("net_out_sum", 1e12)
                .put("cpu_p95", 99.0);
        docs.add(new EsSeeder.Doc(indices.metrics("1m"), "group-web-1m-" + at(10).toEpochMilli(), group));
        seeder.bulk(docs);
        seeder.refresh();
        seeded = true;
    }

    /** {@code log} in the day's log index under its own id. */
    public static EsSeeder.Doc logDoc(Indices indices, Log log) {
        return stored(log).in(indices, log.id());
    }

    public static ObjectNode logSource(Log log) {
        return stored(log).source();
    }

    private static StoredLog stored(Log log) {
        StoredLog stored = StoredLog.of(log.timestamp(), log.host(), log.severity(), log.message())
                .kind(log.kind())
                .topic(log.topic())
                .kafka(0, log.offset())
                .ingested(log.timestamp().plusSeconds(1));
        ObjectNode s = stored.source();
        if (log.kind().equals("metric")) {
            s.put("cpu_usage", 42.5);
            s.putObject("memory_usage")
                    .put("used", 4_294_967_296L)
                    .put("total", 8_589_934_592L)
                    .put("percentage", 50.0);
            s.putObject("network").put("in_bytes_per_sec", 1200.0).put("out_bytes_per_sec", 800.0);
        }
        return stored;
    }

    public static ObjectNode alertSource(Alert a) {
        ObjectNode s = JSON.createObjectNode();
        s.put("rule_id", a.ruleId())
                .put("title", a.ruleId() + " title")
                .put("severity", a.severity())
                .put("host", a.host())
                .put("group_key", a.groupKey())
                .put("first_seen", a.firstSeen().toString())
                .put("last_seen", a.lastSeen().toString())
                .put("count", a.count())
                .put("status", a.status());
        s.putArray("tags").add("attack.t0000");
        s.putArray("event_ids").add("threat-logs-0-1");
        return s;
    }

    private static List<Log> logs() {
        List<Log> logs = new ArrayList<>();
        long metricOffset = 0;
        long eventOffset = 0;
        for (int minute = 0; minute < MINUTES; minute++) {
            for (int h = 0; h < HOSTS.size(); h++) {
                boolean metric = (minute + h) % 3 == 0;
                String topic = metric ? Topics.METRICS : Topics.THREATS;
                long offset = metric ? metricOffset++ : eventOffset++;
                Instant ts = at(minute).plusSeconds(h * 5L);
                String severity = metric ? "LOW" : SEVERITIES.get((minute * 7 + h) % 4);
                String message = metric
                        ? "cpu 42.5% memory 50.0% on " + HOSTS.get(h)
                        : MESSAGES.get((minute + h * 2) % MESSAGES.size());
                logs.add(new Log(
                        topic + "-0-" + offset,
                        ts,
                        HOSTS.get(h),
                        severity,
                        metric ? "metric" : "event",
                        topic,
                        message,
                        offset));
            }
        }
        return List.copyOf(logs);
    }

    /** The logs matching, newest first in the API's order (time, then offset, partition, topic). */
    public static List<String> expectedIds(Predicate<Log> filter) {
        return LOGS.stream()
                .filter(filter)
                .sorted(Comparator.comparing(Log::timestamp)
                        .thenComparing(Log::offset)
                        .thenComparing(Log::topic)
                        .reversed())
                .map(Log::id)
                .toList();
    }

    public static Predicate<Log> host(String glob) {
        return log -> Globs.matches(glob, log.host());
    }

    public static Predicate<Log> severities(String... values) {
        Set<String> set = Set.of(values);
        return log -> set.contains(log.severity());
    }

    /** What simple_query_string with AND over the standard analyzer finds, for plain words. */
    public static Predicate<Log> words(String... words) {
        return log -> {
            Set<String> tokens = Arrays.stream(
                            log.message().toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                    .collect(Collectors.toSet());
            return Arrays.stream(words).allMatch(w -> tokens.contains(w.toLowerCase(Locale.ROOT)));
        };
    }

    private static List<Sample> minuteSamples() {
        List<Sample> samples = new ArrayList<>();
        for (int h = 0; h < HOSTS.size(); h++) {
            for (int minute = 0; minute < MINUTES; minute++) {
                for (int s = 0; s < 6; s++) {
                    samples.add(new Sample(
                            HOSTS.get(h),
                            at(minute).plusSeconds(s * 10L),
                            10 + h * 20 + (minute % 10) + s,
                            40 + h * 5 + s * 0.5,
                            1000.0 * (h + 1) + minute,
                            500.0 * (h + 1) + s));
                }
            }
        }
        return List.copyOf(samples);
    }

    private static List<Sample> hourSamples() {
        List<Sample> samples = new ArrayList<>();
        Instant start = BASE.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(72));
        for (int h = 0; h < HOSTS.size(); h++) {
            for (int hour = 0; hour < 72; hour++) {
                for (int s = 0; s < 4; s++) {
                    samples.add(new Sample(
                            HOSTS.get(h),
                            start.plus(Duration.ofHours(hour)).plusSeconds(s * 900L),
                            5 + h * 10 + (hour % 24) + s * 2,
                            30 + h * 3 + (hour % 5),
                            2000.0 * (h + 1) + hour,
                            100.0 * (h + 1) + s));
                }
            }
        }
        return List.copyOf(samples);
    }

    /** Rollup documents computed from the samples, as the rollup issue will write them. */
    private static List<EsSeeder.Doc> rollups(String index, List<Sample> samples, Duration window, String interval) {
        record Key(String host, long start) {}
        var groups = samples.stream()
                .collect(Collectors.groupingBy(
                        s -> new Key(s.host(), s.timestamp().toEpochMilli() / window.toMillis() * window.toMillis())));
        List<EsSeeder.Doc> docs = new ArrayList<>();
        groups.forEach((key, list) -> {
            ObjectNode s = JSON.createObjectNode();
            s.put("timestamp", Instant.ofEpochMilli(key.start()).toString())
                    .put("interval", interval)
                    .put("host", key.host())
                    .put("samples", list.size());
            putStats(s, "cpu", list, Sample::cpu, Stat.SUM, Stat.AVG, Stat.MIN, Stat.MAX, Stat.P95);
            putStats(s, "memory", list, Sample::memory, Stat.SUM, Stat.AVG, Stat.MAX);
            putStats(s, "net_in", list, Sample::netIn, Stat.SUM, Stat.MAX);
            putStats(s, "net_out", list, Sample::netOut, Stat.SUM, Stat.MAX);
            docs.add(new EsSeeder.Doc(index, key.host() + "/" + interval + "/" + key.start(), s));
        });
        return docs;
    }

    /** A statistic a rollup keeps of a metric, named by its field's suffix ({@code cpu_p95}). */
    private enum Stat {
        SUM(values -> DoubleStream.of(values).sum()),
        AVG(values -> DoubleStream.of(values).average().orElseThrow()),
        MIN(values -> DoubleStream.of(values).min().orElseThrow()),
        MAX(values -> DoubleStream.of(values).max().orElseThrow()),
        P95(values -> DoubleStream.of(values)
                .sorted()
                .skip((long) Math.ceil(0.95 * values.length) - 1)
                .findFirst()
                .orElseThrow());

        private final ToDoubleFunction<double[]> of;

        Stat(ToDoubleFunction<double[]> of) {
            this.of = of;
        }
    }

    /** {@code metric_sum}, {@code metric_max} ... of the samples' values, in the order given. */
    private static void putStats(
            ObjectNode doc, String metric, List<Sample> samples, ToDoubleFunction<Sample> value, Stat... stats) {
        double[] values = samples.stream().mapToDouble(value).toArray();
        for (Stat stat : stats) {
            doc.put(metric + "_" + stat.name().toLowerCase(Locale.ROOT), stat.of.applyAsDouble(values));
        }
    }
}
