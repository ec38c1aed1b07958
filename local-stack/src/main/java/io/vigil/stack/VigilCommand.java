package io.vigil.stack;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The Java side of `./vigil` (the script builds, then runs this for `up`). */
@Command(
        name = "vigil",
        mixinStandardHelpOptions = true,
        subcommands = {VigilCommand.Up.class, VigilCommand.DeployRules.class},
        description = "Vigil: streaming log aggregator and SIEM.")
public final class VigilCommand {

    public static void main(String[] args) {
        System.exit(new CommandLine(new VigilCommand()).execute(args));
    }

    @Command(
            name = "up",
            mixinStandardHelpOptions = true,
            description = "Start Kafka, Elasticsearch, Flink with the Vigil job and the query service here.")
    static final class Up implements Callable<Integer> {
        @Option(names = "--demo", description = "Also produce demo traffic from 20 hosts.")
        boolean demo;

        @Option(names = "--data", description = "Data directory (default: $VIGIL_DATA or ./.vigil-data).")
        Path data;

        @Option(names = "--home", hidden = true, description = "Repository root (set by the vigil script).")
        Path home = Path.of(System.getProperty("vigil.home", "."));

        @Option(
                names = "--ports",
                split = ",",
                paramLabel = "KAFKA,CONTROLLER,ES,FLINK,HTTP",
                description = "Other ports than 9092,9093,9200,8081,8080, e.g. to run a second stack"
                        + " beside the first (the benchmark does).")
        int[] ports;

        @Option(names = "--tls", description = "Serve API and dashboard over HTTPS on 8443.")
        boolean tls;

        @Option(names = "--secure", description = "Kafka accepts only TLS + SASL/SCRAM.")
        boolean secure;

        @Option(
                names = "--cluster",
                description = "Kafka (three brokers), Elasticsearch (two nodes) and Flink (a JobManager, two"
                        + " TaskManagers) as processes of their own; the same ports for clients.")
        boolean cluster;

        @Override
        public Integer call() throws Exception {
            Path dataDir = data != null
                    ? data
                    : Path.of(System.getenv()
                            .getOrDefault(
                                    "VIGIL_DATA", home.resolve(".vigil-data").toString()));
            StackSettings settings = StackSettings.defaults(
                    home.toAbsolutePath().normalize(), dataDir.toAbsolutePath().normalize());
            if (ports != null) {
                if (ports.length != 5) {
                    System.err.println("vigil up: --ports takes five ports: KAFKA,CONTROLLER,ES,FLINK,HTTP");
                    return 2;
                }
                settings = StackSettings.onPorts(
                        settings.home(),
                        settings.dataDir(),
                        ports[0],
                        ports[1],
                        ports[2],
                        ports[3],
                        ports[4],
                        settings.queryEnv());
            }
            if (tls) {
                // The query service generates a self-signed certificate into the data dir unless
                // VIGIL_TLS_CERT / VIGIL_TLS_KEY name one; port 8080 then only redirects.
                settings = settings.withTls(Integer.parseInt(System.getenv().getOrDefault("VIGIL_HTTPS_PORT", "8443")));
            }
            if (secure) {
                // Certificates (scripts/certs.sh) and generated SCRAM users under <data>/secrets/.
                settings = settings.withSecureKafka();
            }
            System.setProperty("vigil.log.dir", settings.logDir().toString());
            System.out.println(
                    "Starting Vigil (data in " + settings.dataDir() + ", logs in " + settings.logDir() + ")");
            if (cluster) {
                if (secure || ports != null) {
                    System.err.println("vigil up: --cluster does not take --secure or --ports yet");
                    return 2;
                }
                return upCluster(settings);
            }
            LocalStack stack;
            try {
                stack = LocalStack.start(settings, System.out::println);
            } catch (LocalStack.StackException e) {
                System.err.println("vigil up: " + e.getMessage());
                return 1;
            }
            if (demo) {
                stack.startDemo();
            }
            CountDownLatch stopped = closeOnShutdown("\nStopping Vigil...", stack::close);
            printUp(
                    "Vigil",
                    settings.apiUrl(),
                    "  (POST /login, then GET /logs)",
                    settings.flinkUrl(),
                    settings.elasticsearchUrl(),
                    settings.kafkaBootstrap() + "  (topics system-metrics, threat-logs)");
            if (stack.secureKafka() != null) {
                SecureKafkaFiles secrets = stack.secureKafka();
                System.out.println(
                        "                   TLS + SASL/SCRAM only: CA and client settings in " + secrets.dir());
                System.out.println("                   kcat -F " + secrets.kcatConfig() + " -t system-metrics -C");
                System.out.println("                   Java clients: " + secrets.clientProperties());
            }
            stopped.await();
            return 0;
        }

        private int upCluster(StackSettings settings) throws Exception {
            ClusterLayout layout = ClusterLayout.defaults(settings.home(), settings.dataDir());
            layout = new ClusterLayout(settings, layout.kafka(), layout.elasticsearch(), layout.flinkRpcPort());
            ClusterStack stack;
            try {
                stack = ClusterStack.start(layout, true, java.util.List.of(), System.out::println);
            } catch (LocalStack.StackException e) {
                System.err.println("vigil up: " + e.getMessage());
                return 1;
            }
            AutoCloseable demoTraffic = demo ? DemoTraffic.start(layout.kafkaBootstrap(), Map.of()) : () -> {};
            CountDownLatch stopped = closeOnShutdown("\nStopping the Vigil cluster...", () -> {
                try {
                    demoTraffic.close();
                } catch (Exception e) {
                    System.out.println("while stopping the demo traffic: " + e.getMessage());
                }
                stack.close();
            });
            printUp(
                    "The Vigil cluster",
                    settings.apiUrl(),
                    "",
                    settings.flinkUrl() + "  (job " + stack.jobId() + ")",
                    layout.elasticsearchUrls(),
                    layout.kafkaBootstrap());
            System.out.println("  Processes (pid, output):");
            for (ChildProcess member : stack.members()) {
                System.out.printf("    %-20s %8d  %s%n", member.name(), member.pid(), member.output());
            }
            stopped.await();
            return 0;
        }

        /** Runs {@code close} on Ctrl-C, after saying {@code stopping}; the latch opens once it ran. */
        private static CountDownLatch closeOnShutdown(String stopping, Runnable close) {
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                System.out.println(stopping);
                                close.run();
                                stopped.countDown();
                            },
                            "vigil-shutdown"));
            return stopped;
        }

        /** Where each part of a stack that is up answers, the same rows for one process or a cluster. */
        private static void printUp(
                String stack, String api, String apiNote, String flinkUi, String elasticsearch, String kafka) {
            System.out.println();
            System.out.println(stack + " is up. Ctrl-C stops it.");
            System.out.println("  Dashboard        " + api + "/ui/");
            System.out.println("  REST API         " + api + apiNote);
            System.out.println("  Flink UI         " + flinkUi);
            System.out.println("  Elasticsearch    " + elasticsearch);
            System.out.println("  Kafka            " + kafka);
        }
    }

    /**
     * The Flink half of {@code ./vigil rules deploy}; the script validates the rules, runs their
     * tests and computes the rule set version first ({@link RulesDeployment}).
     */
    @Command(
            name = "deploy-rules",
            mixinStandardHelpOptions = true,
            description = "Replace the running Vigil job by one with the current rules, keeping its state (savepoint).")
    static final class DeployRules implements Callable<Integer> {
        @Option(
                names = "--flink",
                paramLabel = "URL",
                defaultValue = "http://localhost:8081",
                description = "Flink's REST API (default http://localhost:8081)")
        String flink;

        @Option(
                names = "--jar",
                paramLabel = "JAR",
                description = "the job jar (default flink-job/target/vigil-flink-job.jar)")
        Path jar;

        @Option(
                names = "--rules-version",
                required = true,
                paramLabel = "SHA256",
                description = "the version of the validated rules (./vigil rules version)")
        String rulesVersion;

        @Option(
                names = "--job",
                paramLabel = "ID",
                description = "the job to replace (default: the only running Vigil job)")
        String job;

        @Option(
                names = "--savepoint-dir",
                paramLabel = "URI",
                description = "where the savepoint goes (default: the cluster's)")
        String savepointDir;

        @Option(
                names = "--timeout",
                paramLabel = "SECONDS",
                defaultValue = "180",
                description = "longest wait for the savepoint, and for the new job to run (default 180)")
        long timeoutSeconds;

        @Option(names = "--home", hidden = true)
        Path home = Path.of(System.getProperty("vigil.home", "."));

        @Override
        public Integer call() {
            Path jobJar = jar != null ? jar : home.resolve("flink-job/target/vigil-flink-job.jar");
            String url = flink.endsWith("/") ? flink.substring(0, flink.length() - 1) : flink;
            try {
                RulesDeployment.Outcome outcome = new RulesDeployment(new FlinkRest(url), System.out::println)
                        .deploy(jobJar, rulesVersion, job, savepointDir, java.time.Duration.ofSeconds(timeoutSeconds));
                System.out.printf(
                        java.util.Locale.ROOT,
                        "deployed rule set %s: job %s replaced %s (savepoint %s);" + " detection paused %.1f s%n",
                        RulesDeployment.brief(rulesVersion),
                        outcome.newJob(),
                        outcome.oldJob(),
                        outcome.savepoint(),
                        outcome.pause().toMillis() / 1000.0);
                return 0;
            } catch (java.io.IOException e) {
                System.err.println("vigil rules deploy: " + e.getMessage());
                return 1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            }
        }
    }
}
