package io.vigil.stack;

import io.vigil.common.FreePorts;
import io.vigil.common.Topics;
import io.vigil.embedded.ElasticsearchMain;
import io.vigil.embedded.EmbeddedElasticsearch;
import io.vigil.embedded.EmbeddedKafka;
import io.vigil.embedded.KafkaNodeMain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * {@code ./vigil up --cluster}: Vigil on real clusters whose members are processes of their own
 * on this machine — three Kafka brokers (KRaft), two Elasticsearch nodes, a Flink JobManager and
 * two TaskManagers — with the job submitted at parallelism {@value ClusterLayout#PARALLELISM}
 * through Flink's REST API, and the query service. Tests start it through the same code and kill
 * its members ({@link #kill}) as a crash would.
 */
public final class ClusterStack implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final ClusterLayout layout;
    private final String classpath;
    private final Consumer<String> say;
    private final Map<String, ChildProcess> members = new LinkedHashMap<>();
    private final StartedParts running;
    private String jobId;

    private ClusterStack(ClusterLayout layout, String classpath, Consumer<String> say) {
        this.layout = layout;
        this.classpath = classpath;
        this.say = say;
        this.running = new StartedParts(say);
    }

    /**
     * Starts every member, the job (with {@code jobOptions} after this machine's addresses, e.g.
     * {@code --checkpoint.interval 5s}) and, when {@code withQueryService}, the query service.
     */
    public static ClusterStack start(
            ClusterLayout layout, boolean withQueryService, List<String> jobOptions, Consumer<String> say)
            throws Exception {
        return start(layout, withQueryService, jobOptions, System.getProperty("java.class.path"), say);
    }

    /**
     * The same with the members' classpath given: it must hold Flink's runtime, Kafka's broker
     * and Elasticsearch, and no Flink connector (org.apache.flink.* loads parent-first, so the job
     * would run that copy instead of its own). This JVM's classpath qualifies for the launcher and
     * the tests; the benchmark's does not.
     */
    public static ClusterStack start(
            ClusterLayout layout,
            boolean withQueryService,
            List<String> jobOptions,
            String classpath,
            Consumer<String> say)
            throws Exception {
        checkPorts(layout);
        ClusterStack cluster = new ClusterStack(layout, classpath, say);
        try {
            cluster.startAll(withQueryService, jobOptions);
            return cluster;
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
    }

    private static void checkPorts(ClusterLayout layout) throws LocalStack.StackException {
        List<Integer> ports = new ArrayList<>();
        layout.kafka().forEach(n -> ports.addAll(List.of(n.port(), n.controllerPort())));
        layout.elasticsearch().forEach(n -> ports.addAll(List.of(n.httpPort(), n.transportPort())));
        ports.addAll(List.of(
                layout.stack().flinkPort(),
                layout.flinkRpcPort(),
                layout.stack().httpPort()));
        for (int port : ports) {
            if (!FreePorts.isFree(port)) {
                throw new LocalStack.StackException("port " + port + " is already in use; is another `vigil up`"
                        + " running? Stop it, or free the port, and try again.");
            }
        }
    }

    private void startAll(boolean withQueryService, List<String> jobOptions) throws Exception {
        StackSettings settings = layout.stack();
        LocalStack.requireJars(settings);
        LocalStack.prepareDataDir(settings, layout.clusterDir());
        long t0 = System.nanoTime();

        // Brokers and nodes start together: each waits for its peers (quorum, master) anyway.
        String kafkaCluster = kafkaClusterId();
        String nodes = layout.kafka().stream()
                .map(n -> n.id() + ":" + n.port() + ":" + n.controllerPort())
                .collect(Collectors.joining(","));
        for (EmbeddedKafka.ClusterNode node : layout.kafka()) {
            launch(
                    "kafka-" + node.id(),
                    List.of("-Xms256m", "-Xmx512m"),
                    KafkaNodeMain.class.getName(),
                    List.of(
                            layout.clusterDir().resolve("kafka-" + node.id()).toString(),
                            kafkaCluster,
                            String.valueOf(node.id()),
                            nodes));
        }
        for (EmbeddedElasticsearch.ClusterNode node : layout.elasticsearch()) {
            List<String> args = new ArrayList<>(List.of(
                    String.valueOf(node.httpPort()),
                    layout.clusterDir().resolve(node.name()).toString(),
                    node.name(),
                    String.valueOf(node.transportPort()),
                    String.join(",", node.seedHosts()),
                    node.initialMaster()));
            if (node.masterEligible()) {
                args.add("master");
            }
            // an assert in ES 7.10 trips on cgroup v2
            launch(
                    node.name(),
                    List.of("-Xms512m", "-Xmx1g", "-da:org.elasticsearch..."),
                    ElasticsearchMain.class.getName(),
                    args);
        }
        for (EmbeddedKafka.ClusterNode node : layout.kafka()) {
            members.get("kafka-" + node.id()).awaitLine(KafkaNodeMain.READY_PREFIX, START_TIMEOUT);
        }
        EmbeddedKafka.createTopics(layout.kafkaBootstrap(), Map.of(), Topics.ALL, ClusterLayout.PARTITIONS, (short)
                layout.kafka().size());
        say.accept(String.format(
                "Kafka          %-44s (%.1f s) %d brokers, topics of %d partitions x %d replicas",
                layout.kafkaBootstrap(),
                seconds(t0),
                layout.kafka().size(),
                ClusterLayout.PARTITIONS,
                layout.kafka().size()));
        for (EmbeddedElasticsearch.ClusterNode node : layout.elasticsearch()) {
            members.get(node.name()).awaitLine(ElasticsearchMain.READY_PREFIX, START_TIMEOUT);
        }
        say.accept(String.format(
                "Elasticsearch  %-44s (%.1f s) %d nodes",
                layout.elasticsearchUrls(), seconds(t0), layout.elasticsearch().size()));

        FlinkProcesses flink = new FlinkProcesses(
                settings.flinkConf(), layout.clusterDir(), settings.flinkPort(), layout.flinkRpcPort());
        launch("flink-jobmanager", flink.jobManagerJvm(), FlinkProcesses.JOB_MANAGER_MAIN, flink.jobManagerArgs());
        for (int n = 1; n <= ClusterLayout.TASK_MANAGERS; n++) {
            String id = "flink-taskmanager-" + n;
            launch(id, flink.taskManagerJvm(id), FlinkProcesses.TASK_MANAGER_MAIN, flink.taskManagerArgs(id));
        }
        FlinkRest rest = new FlinkRest(settings.flinkUrl());
        awaitTaskManagers(rest, ClusterLayout.TASK_MANAGERS, START_TIMEOUT);
        say.accept(String.format(
                "Flink          %-44s (%.1f s) a JobManager, %d TaskManagers",
                settings.flinkUrl(), seconds(t0), ClusterLayout.TASK_MANAGERS));

        Path checkpoint = FlinkLocalCluster.latestCheckpoint(layout.clusterDir());
        String jarId = rest.uploadJar(settings.jobJar());
        jobId = rest.runJar(jarId, jobArguments(jobOptions), checkpoint, ClusterLayout.PARALLELISM);
        running.add(() -> {
            for (FlinkRest.JobSummary job : rest.jobs()) {
                if (job.name().equals(RulesDeployment.JOB_NAME) && job.state().equals("RUNNING")) {
                    rest.cancel(job.id());
                }
            }
        });
        rest.awaitRunning(jobId, START_TIMEOUT);
        say.accept(String.format(
                "Flink job      %-44s (%.1f s) parallelism %d%s",
                jobId,
                seconds(t0),
                ClusterLayout.PARALLELISM,
                checkpoint == null ? "" : ", resumed from " + settings.dataDir().relativize(checkpoint)));

        if (withQueryService) {
            QueryServiceProcess query = QueryServiceProcess.start(settings, layout.elasticsearchUrls());
            running.add(query);
            query.awaitHealthy(settings.apiUrl(), Duration.ofSeconds(90));
            say.accept(String.format("Query service  %-44s (%.1f s)", settings.apiUrl(), seconds(t0)));
        }
    }

    private void launch(String name, List<String> jvm, String main, List<String> args) throws IOException {
        ChildProcess child = ChildProcess.start(
                name, jvm, classpath, main, args, layout.stack().logDir());
        members.put(name, child);
        running.add(child);
    }

    /** The brokers' cluster id: made once, kept beside their log directories (each is formatted with it). */
    private String kafkaClusterId() throws IOException {
        Path file = layout.clusterDir().resolve("kafka-cluster-id");
        if (!Files.exists(file)) {
            // Kafka's cluster ids are 16 random bytes in URL-safe Base64 (Uuid.randomUuid()).
            Files.writeString(file, org.apache.kafka.common.Uuid.randomUuid().toString());
        }
        return Files.readString(file).trim();
    }

    static void awaitTaskManagers(FlinkRest rest, int count, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (rest.taskManagers().size() >= count) {
                    return;
                }
            } catch (IOException notYet) {
                last = notYet; // the JobManager's REST endpoint is still starting
            }
            Thread.sleep(250);
        }
        throw new IOException(count + " TaskManagers did not register within " + timeout, last);
    }

    /**
     * The job's program arguments on this cluster (addresses, rules, keys file, a log shard per
     * Elasticsearch node), plus {@code more}.
     */
    public List<String> jobArguments(List<String> more) {
        List<String> args =
                LocalStack.jobArguments(layout.stack(), layout.kafkaBootstrap(), layout.elasticsearchUrls());
        args.addAll(List.of(
                "--es.logs-shards", String.valueOf(layout.elasticsearch().size())));
        args.addAll(more);
        return args;
    }

    /** The members in start order: name, pid, output file. */
    public List<ChildProcess> members() {
        return List.copyOf(members.values());
    }

    public ChildProcess member(String name) {
        ChildProcess child = members.get(name);
        if (child == null) {
            throw new IllegalArgumentException("no member " + name + "; members: " + members.keySet());
        }
        return child;
    }

    public ClusterLayout layout() {
        return layout;
    }

    public String jobId() {
        return jobId;
    }

    public FlinkRest flink() {
        return new FlinkRest(layout.stack().flinkUrl());
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    @Override
    public void close() {
        running.close();
    }
}
