package io.vigil.bench;

import io.vigil.stack.ChildProcess;
import io.vigil.stack.ClusterLayout;
import io.vigil.stack.ClusterStack;
import io.vigil.stack.FlinkRest;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * {@code ./vigil bench --cluster}: the cluster of {@code ./vigil up --cluster} (three brokers, two
 * Elasticsearch nodes, a JobManager and two TaskManagers, each a JVM) on this machine. The
 * records are produced first (a shipper's producer, {@code acks=all}); then the job consumes the
 * whole backlog at parallelism 1, 2 and 4 in turn, each run with its own consumer group and index
 * prefix, timed until every valid event is searchable. The CPU each kind of process used per
 * event is what docs/scaling.md's capacity model is built from.
 */
final class ClusterBench {
    private static final int[] PARALLELISMS = {1, 2, 4};

    private final Path home;
    private final Consumer<String> say;

    ClusterBench(Path home, Consumer<String> say) {
        this.home = home;
        this.say = say;
    }

    Map<String, Object> run(Workload workload, int valid) throws Exception {
        Map<String, Object> report = new LinkedHashMap<>();
        Path data = Files.createTempDirectory("vigil-bench-cluster");
        ClusterLayout layout = ClusterLayout.onFreePorts(home, data, Map.of());
        say.accept("starting the cluster of `up --cluster` in " + data);
        try (ClusterStack cluster = ClusterStack.start(layout, false, List.of(), memberClasspath(), say)) {
            FlinkRest flink = cluster.flink();
            flink.cancel(cluster.jobId());
            BenchCommand.awaitState(flink, cluster.jobId(), "CANCELED");
            Map<Long, String> roles = roles(cluster);

            say.accept("producing " + workload.items.size() + " records (acks=all, 3 replicas)");
            CpuBreakdown produceCpu = new CpuBreakdown(roles);
            produceCpu.begin();
            long t0 = System.nanoTime();
            // a log shipper's producer on a replicated cluster: every record on a majority before it counts
            try (KafkaProducer<String, byte[]> producer = Ceilings.producer(layout.kafkaBootstrap(), "all")) {
                for (Workload.Item item : workload.items) {
                    producer.send(new ProducerRecord<>(item.topic(), item.key(), item.value()));
                }
            }
            double produceEps = workload.items.size() / Ceilings.seconds(t0);
            Map<String, Object> produced = produceCpu.end();
            report.put("produce_eps", Report.hundredths(produceEps));
            report.put("produce_cpu", produced);
            say.accept(String.format(Locale.ROOT, "  %,.0f records/s", produceEps));

            String jar = flink.uploadJar(layout.stack().jobJar());
            Http es = new Http(layout.stack().elasticsearchUrl());
            Map<String, Object> runs = new LinkedHashMap<>();
            for (int p : PARALLELISMS) {
                runs.put("parallelism_" + p, consume(cluster, flink, jar, es, roles, p, valid));
            }
            report.put("runs", runs);
        }
        return report;
    }

    /** One job at parallelism {@code p} over the whole backlog, from the earliest offsets. */
    private Map<String, Object> consume(
            ClusterStack cluster, FlinkRest flink, String jar, Http es, Map<Long, String> roles, int p, int valid)
            throws Exception {
        String prefix = "benchp" + p;
        say.accept("parallelism " + p + ": the job over the backlog into " + prefix + "-logs");
        CpuBreakdown cpu = new CpuBreakdown(roles);
        String job = flink.runJar(
                jar,
                cluster.jobArguments(List.of("--kafka.group", "bench-p" + p, "--es.index-prefix", prefix)),
                null,
                p);
        cpu.begin();
        long t0 = System.nanoTime();
        flink.awaitRunning(job, Duration.ofMinutes(3));
        long stored = 0;
        long lastReport = System.nanoTime();
        while (stored < valid && Ceilings.seconds(t0) < 1800) {
            Thread.sleep(500);
            stored = BenchCommand.count(es, prefix + "-logs");
            if (System.nanoTime() - lastReport > 10e9) {
                say.accept(String.format(Locale.ROOT, "  %,d of %,d searchable", stored, valid));
                lastReport = System.nanoTime();
            }
        }
        double seconds = Ceilings.seconds(t0);
        Map<String, Object> used = cpu.end();
        flink.cancel(job);
        BenchCommand.awaitState(flink, job, "CANCELED");
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("events", stored);
        run.put("seconds", Report.hundredths(seconds));
        run.put("eps", Report.hundredths(stored / seconds));
        run.put("cpu_us_per_event", perEvent(used, stored));
        run.put("cpu", used);
        say.accept(String.format(
                Locale.ROOT,
                "  %,d searchable after %.1f s: %,.0f events/s; CPU us/event %s",
                stored,
                seconds,
                stored / seconds,
                run.get("cpu_us_per_event")));
        return run;
    }

    /** CPU microseconds per event of each kind of process (the TaskManagers' groups summed). */
    @SuppressWarnings("unchecked")
    private static Map<String, Double> perEvent(Map<String, Object> used, long events) {
        Map<String, Double> byKind = new LinkedHashMap<>();
        used.forEach((group, value) -> {
            if (group.equals("total")) {
                return;
            }
            String kind = group.startsWith("taskmanagers") ? "taskmanagers" : group;
            double seconds = ((Number) ((Map<String, Object>) value).get("cpu_seconds")).doubleValue();
            byKind.merge(kind, seconds, Double::sum);
        });
        Map<String, Double> out = new LinkedHashMap<>();
        byKind.forEach((kind, seconds) -> out.put(kind, Report.hundredths(seconds * 1e6 / Math.max(1, events))));
        return out;
    }

    private static Map<Long, String> roles(ClusterStack cluster) {
        Map<Long, String> roles = new HashMap<>();
        for (ChildProcess member : cluster.members()) {
            String name = member.name();
            String role = name.startsWith("flink-taskmanager")
                    ? CpuBreakdown.TASK_MANAGER
                    : name.startsWith("flink-jobmanager")
                            ? "jobmanager"
                            : name.startsWith("kafka") ? "kafka brokers" : "elasticsearch nodes";
            roles.put(member.pid(), role);
        }
        roles.put(ProcessHandle.current().pid(), "bench client");
        return roles;
    }

    /**
     * The launcher's classpath for the members: this JVM's holds the job's connectors (the bench
     * depends on the job module), which must not be on a TaskManager's.
     */
    private String memberClasspath() {
        Path target = home.resolve("local-stack/target");
        return target.resolve("vigil-local-stack.jar") + File.pathSeparator + target.resolve("lib") + File.separator
                + "*";
    }
}
