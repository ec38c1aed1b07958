package io.vigil.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.common.Topics;
import io.vigil.stack.FlinkRest;
import io.vigil.stack.StackSettings;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * `./vigil bench`: one run measures Vigil end to end on a fresh stack beside this machine's
 * own ceilings (Kafka, Elasticsearch bulk, an Elasticsearch grok pipeline), then detection and
 * query latency, and checks that every valid event was stored and every planted attack raised
 * exactly one alert. Numbers are reported, never asserted.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Vigil's benchmark.")
public final class BenchCommand implements Callable<Integer> {
    private static final int DEFAULT_EVENTS = 1_000_000;

    @Option(names = "--events", description = "Events in the generated stream (default 1,000,000).")
    int events = DEFAULT_EVENTS;

    @Option(names = "--quick", description = "100,000 events and fewer latency probes, for trying it out.")
    boolean quick;

    @Option(
            names = "--out",
            description = "Results JSON (a .md table is written beside it). Default bench/results/latest.json.")
    Path out;

    @Option(
            names = "--profile",
            description = "Record the stack JVM with JFR; a summary of its CPU samples goes beside the results.")
    private boolean profile;

    @Option(names = "--jmh", description = "Run the JMH microbenchmarks of the hot paths instead.")
    boolean jmh;

    @Option(
            names = "--cluster",
            description = "Measure the cluster of `up --cluster` at parallelism 1, 2 and 4 instead (default"
                    + " 300,000 events; results in bench/results/cluster.json unless --out).")
    boolean cluster;

    @Option(names = "--home", hidden = true)
    Path home = Path.of(System.getProperty("vigil.home", "."));

    private final Report report = new Report();
    /** The end-to-end phase's span, what --profile summarizes. */
    private Instant endToEndStarted = Instant.MIN;

    private Instant endToEndEnded = Instant.MAX;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchCommand()).execute(args));
    }

    private static void say(String text) {
        System.out.printf(Locale.ROOT, "[bench %tT] %s%n", System.currentTimeMillis(), text);
    }

    @Override
    public Integer call() throws Exception {
        home = home.toAbsolutePath().normalize();
        Path results = out != null ? out : home.resolve("bench/results/latest.json");
        if (jmh) {
            return Microbenchmarks.run(home.resolve("bench/results/jmh.json"));
        }
        if (cluster) {
            return cluster(out != null ? out : home.resolve("bench/results/cluster.json"));
        }
        int n = quick ? 100_000 : events;
        report.put("events", n);
        report.put("machine", Machine.describe());
        say("generating " + n + " events (200 hosts, metrics + JSON events + raw syslog, attacks planted)");
        Workload workload = Workload.generate(n, Instant.now());
        // Needs no stack: the parser alone, over the hostile fuzz corpus of the property tests.
        phase("parse_time", () -> {
            say("parse time per record over a fuzz corpus of 100,000 hostile records (one thread)");
            Map<String, Object> times = ParseTimes.measure(quick ? 20_000 : 100_000);
            report.put("parse_time_us", times);
            say(String.format(
                    Locale.ROOT,
                    "  p50 %s us, p99.9 %s us, max %s us",
                    times.get("p50"),
                    times.get("p999"),
                    times.get("max")));
        });
        Path data = Files.createTempDirectory("vigil-bench");
        say("starting a fresh stack in " + data);
        Path recording = profile ? data.resolve("stack.jfr") : null;
        try (StackProcess stack = StackProcess.start(home, data, recording)) {
            StackSettings s = stack.settings;
            say("stack up: Kafka " + s.kafkaBootstrap() + ", Elasticsearch " + s.elasticsearchUrl() + ", API "
                    + s.apiUrl());
            int valid = ceilings(s, workload);
            endToEnd(stack, workload, valid);
            Http api = new Http(s.apiUrl()).login("admin", stack.adminPassword);
            // A phase that fails is reported with its reason and the run goes on: one broken
            // measurement must not throw away the others.
            phase("detection_latency", () -> detectionLatency(s, api));
            phase("query_latency", () -> queryLatency(api));
            // Last: it cancels the stack's job (see detectionOnly), which the phases above need.
            phase("detection_only", () -> detectionOnly(s, n));
        } finally {
            // The stack JVM has written its recording on exit, the stack being closed by now.
            if (recording != null && Files.exists(recording)) {
                phase(
                        "jit",
                        () -> report.put("jit_end_to_end", JitWork.between(recording, endToEndStarted, endToEndEnded)));
                Path summary = beside(results, "-profile.txt");
                phase("profile", () -> ProfileSummary.write(recording, summary, 25, endToEndStarted, endToEndEnded));
                say("profile: " + summary + " (recording: " + recording + ")");
            }
            report.write(results);
        }
        say("results: " + results + " and " + beside(results, ".md"));
        System.out.println();
        System.out.println(report.markdown());
        return 0;
    }

    private int cluster(Path results) throws Exception {
        int n = quick ? 100_000 : events == DEFAULT_EVENTS ? 300_000 : events;
        report.put("events", n);
        report.put("machine", Machine.describe());
        say("generating " + n + " events (200 hosts, metrics + JSON events + raw syslog, attacks planted)");
        Workload workload = Workload.generate(n, Instant.now());
        int valid =
                Ceilings.documents(workload.items, System.currentTimeMillis()).size();
        report.put("valid_events", valid);
        try {
            report.put("cluster", new ClusterBench(home, BenchCommand::say).run(workload, valid));
        } finally {
            report.write(results);
        }
        say("results: " + results);
        return 0;
    }

    private interface Phase {
        void run() throws Exception;
    }

    private void phase(String name, Phase phase) {
        try {
            phase.run();
        } catch (Exception e) {
            String reason = e.getClass().getSimpleName() + ": "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            report.put(name + "_error", reason);
            say("  " + name + " failed: " + reason);
        }
    }

    private int ceilings(StackSettings s, Workload workload) throws Exception {
        Ceilings.createTopic(s.kafkaBootstrap(), "bench-ceiling", 2);
        say("ceiling: Kafka produce");
        double produce = Ceilings.produce(s.kafkaBootstrap(), workload.items, item -> "bench-ceiling");
        report.put("kafka_produce_eps", produce);
        say(String.format(Locale.ROOT, "  %,.0f records/s", produce));
        say("ceiling: Kafka consume + parse (one thread, the job's parser)");
        double consume = Ceilings.consumeAndParse(s.kafkaBootstrap(), "bench-ceiling", workload.items.size());
        report.put("kafka_consume_parse_eps", consume);
        say(String.format(Locale.ROOT, "  %,.0f records/s", consume));

        List<String[]> docs = Ceilings.documents(workload.items, System.currentTimeMillis());
        report.put("valid_events", docs.size());
        say("ceiling: Elasticsearch bulk of the " + docs.size() + " normalized documents, Vigil's log template");
        Map<String, Double> bulk = Ceilings.elasticsearchBulk(s.elasticsearchUrl(), docs);
        double best =
                bulk.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        bulk.forEach((config, rate) -> say(String.format(Locale.ROOT, "  %-22s %,.0f docs/s", config, rate)));
        report.put("es_bulk_ceiling_eps", best);
        report.put("es_bulk_eps_by_config", bulk);

        List<String> raw = new ArrayList<>();
        List<Map.Entry<String, Boolean>> all = new ArrayList<>();
        for (Workload.Item item : workload.items) {
            String text = new String(item.value(), StandardCharsets.UTF_8);
            all.add(Map.entry(text, item.raw()));
            if (item.raw()) {
                raw.add(text);
            }
        }
        say("peer: Elasticsearch ingest pipelines over the same " + all.size()
                + " records (grok for raw lines, json + date for JSON)");
        double peer = Ceilings.ingestPipelines(s.elasticsearchUrl(), all);
        report.put("es_ingest_pipeline_eps", peer);
        say(String.format(Locale.ROOT, "  %,.0f docs/s", peer));
        say("peer, raw lines only: the grok pipeline over the " + raw.size() + " raw syslog lines");
        double grok = Ceilings.grokPipeline(s.elasticsearchUrl(), raw);
        report.put("es_ingest_pipeline_raw_lines_eps", grok);
        say(String.format(Locale.ROOT, "  %,.0f docs/s", grok));
        return docs.size();
    }

    private void endToEnd(StackProcess stack, Workload workload, int valid) throws Exception {
        StackSettings s = stack.settings;
        Http es = new Http(s.elasticsearchUrl());
        say("end to end: producing " + workload.items.size() + " records to " + Topics.ALL
                + " with the job, rules and rollups running");
        CpuBreakdown cpu = new CpuBreakdown(stack.processRoles());
        TaskTime tasks = new TaskTime(new Http(s.flinkUrl()));
        IndexWork indexWork = new IndexWork(es, "vigil");
        indexWork.begin();
        cpu.begin();
        tasks.start();
        endToEndStarted = Instant.now();
        long t0 = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = Ceilings.producer(s.kafkaBootstrap())) {
            for (Workload.Item item : workload.items) {
                producer.send(new ProducerRecord<>(item.topic(), item.key(), item.value()));
            }
        }
        long stored = 0;
        long lastReport = System.nanoTime();
        // The second half of the records, from a full Kafka backlog: the rate once the JIT has
        // compiled the job (the peer's reported pass runs warm too), beside the whole run's rate.
        long halfStored = -1;
        double halfSeconds = 0;
        while (stored < valid && Ceilings.seconds(t0) < 3600) {
            Thread.sleep(200);
            stored = count(es, "vigil-logs");
            if (halfStored < 0 && stored >= valid / 2) {
                halfStored = stored;
                halfSeconds = Ceilings.seconds(t0);
            }
            if (System.nanoTime() - lastReport > 5e9) {
                say(String.format(
                        Locale.ROOT,
                        "  %,d of %,d searchable (%,.0f events/s so far)",
                        stored,
                        valid,
                        stored / Ceilings.seconds(t0)));
                lastReport = System.nanoTime();
            }
        }
        double seconds = Ceilings.seconds(t0);
        endToEndEnded = Instant.now();
        report.put("cpu_breakdown", cpu.end());
        report.put("task_time_ms_per_s", tasks.stop());
        report.put("task_records", tasks.records());
        report.put("index_work", indexWork.end());
        say("job state: a full checkpoint of the running job");
        report.put("job_state_bytes", JobState.measure(new FlinkRest(s.flinkUrl())));
        double ingest = stored / seconds;
        report.put("ingest_eps", ingest);
        report.put("ingest_seconds", seconds);
        if (halfStored >= 0 && seconds > halfSeconds) {
            report.put("ingest_eps_second_half", (stored - halfStored) / (seconds - halfSeconds));
        }
        double ceiling = ((Number) report.results.get("es_bulk_ceiling_eps")).doubleValue();
        report.put("ingest_ratio", ingest / ceiling);
        double peer = ((Number) report.results.get("es_ingest_pipeline_eps")).doubleValue();
        report.put("ingest_vs_peer", ingest / peer);
        say(String.format(
                Locale.ROOT,
                "  all %,d searchable after %.1f s: %,.0f events/s (%.2f of the bulk ceiling)",
                stored,
                seconds,
                ingest,
                ingest / ceiling));
        Thread.sleep(3000);
        es.send("POST", "/vigil-logs/_refresh", "application/json", new byte[0]);
        report.put("documents_stored", count(es, "vigil-logs"));

        Http api = new Http(s.apiUrl()).login("admin", stack.adminPassword);
        int exactlyOnce = 0;
        List<Map<String, Object>> attacks = new ArrayList<>();
        long deadline = System.nanoTime() + 90_000_000_000L;
        for (Workload.Planted planted : workload.planted) {
            long alerts = 0;
            while (System.nanoTime() < deadline) {
                alerts = 0;
                for (JsonNode alert : api.getJson(
                                "/alerts?size=100&rule_id=" + enc(planted.ruleId()) + "&host=" + enc(planted.host()))
                        .path("items")) {
                    if (planted.groupKey().equals(alert.path("group_key").asText())
                            || alert.path("group_key").asText().contains(planted.groupKey())) {
                        alerts++;
                    }
                }
                if (alerts > 0) {
                    break;
                }
                Thread.sleep(500);
            }
            exactlyOnce += alerts == 1 ? 1 : 0;
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("attack", planted.name());
            a.put("rule_id", planted.ruleId());
            a.put("alerts", alerts);
            attacks.add(a);
            say("  planted " + planted.name() + ": " + alerts + " alert(s) of " + planted.ruleId());
        }
        report.put("alerts_expected", workload.planted.size());
        report.put("alerts_raised", exactlyOnce);
        report.put("planted_attacks", attacks);
        report.put("alerts_total", api.getJson("/alerts?size=1").path("total").asLong());
    }

    /**
     * The same job over the same records with raw events not indexed. The stack's own job is
     * cancelled first: flink-conf gives the cluster the slots of one job at its parallelism (as on
     * a real two-slot TaskManager), so a second job would wait for slots for ever.
     */
    private void detectionOnly(StackSettings s, int n) throws Exception {
        say("detection only: the stack's job cancelled, a second job over the same records, raw events not indexed");
        FlinkRest flink = new FlinkRest(s.flinkUrl());
        // The stack job's own options (addresses, rules, field keys, secrets file), except where
        // it writes and which consumer group it is.
        Map<String, String> options = new LinkedHashMap<>();
        for (FlinkRest.JobSummary running : flink.jobs()) {
            if ("RUNNING".equals(running.state())) {
                options.putAll(flink.jobParameters(running.id()));
                flink.cancel(running.id());
                awaitState(flink, running.id(), "CANCELED");
            }
        }
        options.put("es.index-prefix", "benchdet");
        options.put("kafka.group", "bench-detection-only");
        options.put("es.index-logs", "false");
        List<String> args = new ArrayList<>();
        options.forEach((k, v) -> args.addAll(List.of("--" + k, v)));
        String jar = flink.uploadJar(s.jobJar());
        String job = flink.runJar(jar, args, null, s.flinkParallelism());
        try {
            flink.awaitRunning(job, java.time.Duration.ofMinutes(2));
            Http rest = new Http(s.flinkUrl());
            String vertex = rest.getJson("/jobs/" + job)
                    .path("vertices")
                    .get(0)
                    .path("id")
                    .asText();
            // Records entering the parser = records the job consumed; with backpressure the source
            // runs no faster than the slowest operator behind it, so this is the pipeline's rate.
            String metric =
                    "/jobs/" + job + "/vertices/" + vertex + "/subtasks/metrics?agg=sum&get=parse-records.numRecordsIn";
            long t0 = System.nanoTime();
            long processed = 0;
            while (processed < n && Ceilings.seconds(t0) < 3600) {
                Thread.sleep(250);
                JsonNode values = rest.getJson(metric);
                processed = values.size() == 0
                        ? 0
                        : (long) values.get(0).path("sum").asDouble();
            }
            double eps = processed / Ceilings.seconds(t0);
            report.put("detection_only_eps", eps);
            double ceiling = ((Number) report.results.get("kafka_consume_parse_eps")).doubleValue();
            report.put("detection_ratio", eps / ceiling);
            say(String.format(Locale.ROOT, "  %,.0f events/s (%.2f of consume+parse)", eps, eps / ceiling));
        } finally {
            flink.cancel(job);
        }
    }

    static void awaitState(FlinkRest flink, String job, String state) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!state.equals(flink.jobState(job))) {
            if (System.nanoTime() > deadline) {
                throw new java.io.IOException("job " + job + " did not reach " + state + " within a minute");
            }
            Thread.sleep(200);
        }
    }

    private void detectionLatency(StackSettings s, Http api) throws Exception {
        int probes = quick ? 5 : 20;
        say("detection latency: " + probes + " single-event, windowed and sequence attacks each, produced live on an"
                + " otherwise silent stack");
        Percentiles single = new Percentiles();
        Percentiles windowed = new Percentiles();
        Percentiles sequence = new Percentiles();
        try (KafkaProducer<String, byte[]> producer = Ceilings.producer(s.kafkaBootstrap())) {
            for (int i = 0; i < probes; i++) {
                String host = "lat-single-" + i + "-" + System.nanoTime() % 100000;
                long t0 = System.nanoTime();
                send(
                        producer,
                        String.format(
                                Locale.ROOT,
                                "{\"timestamp\":\"%s\",\"host\":\"%s\",\"message\":\"miner started\","
                                        + "\"process\":{\"name\":\"xmrig\",\"command_line\":\"./xmrig -o pool\"}}",
                                Instant.now(),
                                host));
                single.add(awaitAlert(api, host, t0));

                String attacker = "198.19." + i + "." + (1 + i);
                String target = "lat-window-" + i + "-" + System.nanoTime() % 100000;
                for (int k = 0; k < 4; k++) {
                    send(producer, failedLogin(target, attacker, k));
                }
                producer.flush();
                Thread.sleep(300);
                long decisive = System.nanoTime();
                send(producer, failedLogin(target, attacker, 4));
                windowed.add(awaitAlert(api, target, decisive));

                // Failures then a login, the CEP sequence: nothing else arrives to move event time.
                String victim = "lat-sequence-" + i + "-" + System.nanoTime() % 100000;
                String guesser = "198.18." + i + "." + (1 + i);
                for (int k = 0; k < 5; k++) {
                    send(producer, failedLogin(victim, guesser, k));
                }
                Thread.sleep(300);
                long login = System.nanoTime();
                send(
                        producer,
                        Workload.syslogLine(
                                Instant.now(),
                                victim,
                                "sshd[990]: Accepted password for root from " + guesser + " port 50100 ssh2"));
                sequence.add(awaitAlert(api, victim + "&rule_id=ssh-brute-force-success", login));
            }
        }
        // Top-level p50/p99/max (the contract's keys) are over every kind; each kind also on its own.
        Percentiles all = new Percentiles();
        single.values().forEach(all::add);
        windowed.values().forEach(all::add);
        sequence.values().forEach(all::add);
        Map<String, Object> latency = new LinkedHashMap<>(all.summary());
        latency.put("single_event", single.summary());
        latency.put("windowed", windowed.summary());
        latency.put("sequence_on_a_quiet_stack", sequence.summary());
        report.put("detection_latency_ms", latency);
        say("  single-event " + single.summary() + ", windowed " + windowed.summary() + ", sequence "
                + sequence.summary());
    }

    private static String failedLogin(String host, String ip, int n) {
        return Workload.syslogLine(
                Instant.now(),
                host,
                "sshd[" + (900 + n) + "]: Failed password for root from " + ip + " port " + (50000 + n) + " ssh2");
    }

    private static void send(KafkaProducer<String, byte[]> producer, String value) {
        producer.send(new ProducerRecord<>(Topics.THREATS, null, value.getBytes(StandardCharsets.UTF_8)));
        producer.flush();
    }

    /** Milliseconds until an alert for {@code host} is served ({@code host} may carry {@code &rule_id=...}). */
    private static double awaitAlert(Http api, String host, long since) throws Exception {
        long deadline = since + 60_000_000_000L;
        int filters = host.indexOf('&');
        String query = filters < 0 ? enc(host) : enc(host.substring(0, filters)) + host.substring(filters);
        while (System.nanoTime() < deadline) {
            if (api.getJson("/alerts?size=1&host=" + query).path("total").asLong() > 0) {
                return (System.nanoTime() - since) / 1e6;
            }
            Thread.sleep(20);
        }
        return Double.POSITIVE_INFINITY;
    }

    private void queryLatency(Http api) throws Exception {
        int n = quick ? 20 : 50;
        say("query latency: " + n + " requests each over the full index");
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("/logs?host=web-042", "/logs?host=web-042&size=50");
        queries.put("/logs?severity=HIGH,CRITICAL", "/logs?severity=HIGH,CRITICAL&size=50");
        queries.put("/logs?from=now-15m", "/logs?from=now-15m&size=50");
        queries.put("/logs?q=Failed password", "/logs?q=" + enc("Failed password") + "&size=50");
        queries.put("/alerts", "/alerts?size=50");
        queries.put("/metrics/summary 24h", "/metrics/summary?from=now-24h");
        Map<String, Object> results = new LinkedHashMap<>();
        for (Map.Entry<String, String> q : queries.entrySet()) {
            Percentiles p = new Percentiles();
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                var r = api.get(q.getValue());
                p.add((System.nanoTime() - t0) / 1e6);
                if (r.statusCode() != 200) {
                    throw new IOException("GET " + q.getValue() + " answered " + r.statusCode() + ": " + r.body());
                }
            }
            results.put(q.getKey(), p.summary());
        }
        Percentiles deep = new Percentiles();
        String next = null;
        for (int page = 0; page < n; page++) {
            long t0 = System.nanoTime();
            JsonNode body = api.getJson("/logs?size=500" + (next == null ? "" : "&after=" + enc(next)));
            deep.add((System.nanoTime() - t0) / 1e6);
            next = body.path("next").isNull() ? null : body.path("next").asText();
            if (next == null) {
                break;
            }
        }
        results.put("/logs cursor pages (500 each)", deep.summary());
        report.put("query_latency_ms", results);
        results.forEach((k, v) -> say("  " + k + " " + v));
    }

    static long count(Http es, String index) throws IOException {
        var r = es.get("/" + index + "/_count");
        return r.statusCode() == 200
                ? Http.JSON.readTree(r.body()).path("count").asLong()
                : 0;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /**
     * The file beside the results JSON with this ending instead of {@code .json} (appended when the
     * name has none: {@code --out /tmp/run} once had its JSON overwritten by the profile).
     */
    static Path beside(Path results, String ending) {
        return results.resolveSibling(results.getFileName().toString().replaceFirst("\\.json$", "") + ending);
    }
}
