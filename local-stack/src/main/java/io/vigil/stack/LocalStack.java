package io.vigil.stack;

import io.vigil.common.FreePorts;
import io.vigil.common.Topics;
import io.vigil.common.protect.FieldKeys;
import io.vigil.common.protect.OwnerOnlyFiles;
import io.vigil.embedded.EmbeddedElasticsearch;
import io.vigil.embedded.EmbeddedKafka;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The whole stack on one machine: Kafka and Elasticsearch in this JVM, a Flink MiniCluster to
 * which the shaded job jar is submitted over REST (as to any cluster), and the query service in
 * its own JVM. Closing stops everything in reverse order.
 */
public final class LocalStack implements AutoCloseable {
    private final StackSettings settings;
    private final Consumer<String> say;
    private final StartedParts running;
    private String jobId;
    private SecureKafkaFiles secureKafka;

    private LocalStack(StackSettings settings, Consumer<String> say) {
        this.settings = settings;
        this.say = say;
        this.running = new StartedParts(say);
    }

    /** Starts every part, or stops what started and throws with the reason. */
    public static LocalStack start(StackSettings settings, Consumer<String> say) throws Exception {
        checkPorts(settings);
        LocalStack stack = new LocalStack(settings, say);
        try {
            stack.startAll();
            return stack;
        } catch (Exception e) {
            stack.close();
            throw e;
        }
    }

    private static void checkPorts(StackSettings s) throws StackException {
        Map<Integer, String> ports = new LinkedHashMap<>();
        ports.put(s.kafkaPort(), "Kafka");
        ports.put(s.kafkaControllerPort(), "Kafka controller");
        ports.put(s.elasticsearchPort(), "Elasticsearch");
        ports.put(s.flinkPort(), "Flink REST/UI");
        ports.put(s.httpPort(), "query service");
        if (s.tls()) {
            ports.put(s.httpsPort(), "query service (HTTPS)");
        }
        for (Map.Entry<Integer, String> port : ports.entrySet()) {
            if (!FreePorts.isFree(port.getKey())) {
                throw new StackException("port " + port.getKey() + " (" + port.getValue() + ") is already in use;"
                        + " is another `vigil up` running? Stop it, or free the port, and try again.");
            }
        }
    }

    private void startAll() throws Exception {
        requireJars(settings);
        prepareDataDir(settings, settings.dataDir());
        long t0 = System.nanoTime();

        EmbeddedKafka kafka;
        if (settings.secureKafka()) {
            secureKafka = SecureKafkaFiles.prepare(settings);
            kafka = EmbeddedKafka.startSecure(
                    settings.dataDir().resolve("kafka"),
                    settings.kafkaPort(),
                    settings.kafkaControllerPort(),
                    secureKafka.security());
        } else {
            kafka = EmbeddedKafka.start(
                    settings.dataDir().resolve("kafka"), settings.kafkaPort(), settings.kafkaControllerPort());
        }
        running.add(kafka);
        kafka.createTopics(Topics.ALL, 2);
        say.accept(String.format(
                "Kafka          %-28s (%.1f s)%s",
                settings.kafkaBootstrap(), seconds(t0), secureKafka == null ? "" : " TLS + SASL/SCRAM only"));

        EmbeddedElasticsearch es =
                EmbeddedElasticsearch.start(settings.dataDir().resolve("elasticsearch"), settings.elasticsearchPort());
        running.add(es);
        say.accept(String.format("Elasticsearch  %-28s (%.1f s)", settings.elasticsearchUrl(), seconds(t0)));

        FlinkLocalCluster flink =
                FlinkLocalCluster.start(settings.flinkConf(), settings.dataDir(), settings.flinkPort());
        running.add(flink);
        FlinkRest rest = new FlinkRest(settings.flinkUrl());
        Path checkpoint = FlinkLocalCluster.latestCheckpoint(settings.dataDir());
        String jarId = rest.uploadJar(settings.jobJar());
        jobId = rest.runJar(jarId, jobArguments(), checkpoint, settings.flinkParallelism());
        // whatever Vigil job runs when the stack stops (./vigil rules deploy replaces the first one)
        running.add(() -> {
            for (FlinkRest.JobSummary job : rest.jobs()) {
                if (job.name().equals(RulesDeployment.JOB_NAME) && job.state().equals("RUNNING")) {
                    rest.cancel(job.id());
                }
            }
        });
        rest.awaitRunning(jobId, Duration.ofSeconds(120));
        say.accept(String.format(
                "Flink job      %-28s (%.1f s)%s",
                settings.flinkUrl(),
                seconds(t0),
                checkpoint == null ? "" : " resumed from " + settings.dataDir().relativize(checkpoint)));

        QueryServiceProcess query = QueryServiceProcess.start(settings);
        running.add(query);
        query.awaitHealthy(settings.apiUrl(), Duration.ofSeconds(90));
        say.accept(String.format("Query service  %-28s (%.1f s)", settings.apiUrl(), seconds(t0)));
    }

    static void requireJars(StackSettings settings) throws StackException {
        for (Path jar : List.of(settings.jobJar(), settings.queryServiceJar())) {
            if (!Files.isRegularFile(jar)) {
                throw new StackException("missing " + jar + ": build with `mvn -DskipTests package` (./vigil up does)");
            }
        }
    }

    /**
     * The data dir holds events, checkpoints, users and secrets: the user's alone. {@code flinkData}
     * is where Flink's checkpoints go (the data dir, or its cluster/ for {@code up --cluster}).
     */
    static void prepareDataDir(StackSettings settings, Path flinkData) throws IOException {
        OwnerOnlyFiles.directory(settings.dataDir());
        OwnerOnlyFiles.directory(flinkData);
        OwnerOnlyFiles.directory(flinkData.resolve("flink"));
        OwnerOnlyFiles.directory(flinkData.resolve("flink/checkpoints"));
        OwnerOnlyFiles.directory(flinkData.resolve("flink/savepoints"));
        Files.createDirectories(settings.logDir());
        FieldKeys.createIfAbsent(FieldKeys.inDataDir(settings.dataDir()));
    }

    /** Program arguments of the job: this machine's addresses; everything else keeps its default. */
    private List<String> jobArguments() {
        List<String> args = jobArguments(settings, settings.kafkaBootstrap(), settings.elasticsearchUrl());
        if (secureKafka != null) {
            // The path only: Flink shows program arguments in its UI, never the secrets themselves.
            args.addAll(List.of("--secrets.file", secureKafka.jobSecretsFile().toString()));
        }
        return args;
    }

    /** The job's addresses, rules and keys file on this machine (also what `up --cluster` submits). */
    static List<String> jobArguments(StackSettings settings, String kafkaBootstrap, String elasticsearchUrls) {
        return new ArrayList<>(List.of(
                "--kafka.bootstrap", kafkaBootstrap,
                "--es.hosts", elasticsearchUrls,
                "--es.index-prefix", settings.indexPrefix(),
                "--rules.path", settings.rules().toAbsolutePath().toString(),
                "--protect.keys-file",
                        FieldKeys.inDataDir(settings.dataDir()).toAbsolutePath().toString()));
    }

    /** Starts the demo traffic generator; it stops with the stack. */
    public void startDemo() {
        running.add(DemoTraffic.start(
                settings.kafkaBootstrap(), secureKafka == null ? Map.of() : secureKafka.clientSettings()));
        say.accept("Demo traffic   20 hosts -> " + Topics.METRICS + ", " + Topics.THREATS);
    }

    /** The secrets of {@code --secure} (CA, client settings, kcat.conf), or null without it. */
    public SecureKafkaFiles secureKafka() {
        return secureKafka;
    }

    public String jobId() {
        return jobId;
    }

    public StackSettings settings() {
        return settings;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    @Override
    public void close() {
        running.close();
    }

    /** A failure with a message meant for the operator, not a stack trace. */
    public static final class StackException extends IOException {
        public StackException(String message) {
            super(message);
        }
    }
}
