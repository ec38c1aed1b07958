package io.vigil.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.common.FreePorts;
import io.vigil.common.IndexTemplates;
import io.vigil.common.protect.FieldKeys;
import io.vigil.embedded.EmbeddedKafka;
import io.vigil.embedded.Polling;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A rule author's life with a real job: the shaded jar submitted through Flink's REST API to a
 * cluster of this test's own (a MiniCluster serving the REST API, as {@code ./vigil up} runs one),
 * reading and writing the local stack's Kafka and Elasticsearch under its own topics and prefix.
 *
 * <ul>
 *   <li>SigmaHQ-style {@code not} rules for logsources Vigil does not ingest, loaded beside the
 *       shipped rules, raise nothing over the demo traffic and are listed as dormant.</li>
 *   <li>{@code rules deploy} of a changed rule set into the running job keeps a count window that
 *       began before the deploy: its third event, after the deploy, raises exactly one alert
 *       counting all three.</li>
 * </ul>
 */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RuleLifecycleITCase {
    private static final Path HOME =
            Path.of(System.getProperty("vigil.home", "..")).toAbsolutePath().normalize();
    private static final List<String> NOT_RULES = List.of(
            "1fc0809e-06bf-4de3-ad52-25e5263b7623",
            "6b2c4a10-5d1e-4c6f-9e3a-0f1b2c3d4e51",
            "7c3d5b21-6e2f-4d70-8f4b-1a2b3c4d5e62",
            "8d4e6c32-7f30-4e81-9a5c-2b3c4d5e6f73");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Path work;
    private FlinkLocalCluster flink;
    private FlinkRest rest;

    /** The shared stack (started by the extension before the first test, after this instance exists). */
    private static LocalStack stack() {
        return LocalStackExtension.stack();
    }

    @BeforeAll
    void startCluster() throws Exception {
        work = Files.createTempDirectory("vigil-it-rules");
        int port = FreePorts.next();
        flink = FlinkLocalCluster.start(stack().settings().flinkConf(), work.resolve("data"), port);
        rest = new FlinkRest("http://localhost:" + port);
    }

    @AfterAll
    void stopCluster() throws Exception {
        if (flink != null) {
            flink.close();
        }
    }

    @Test
    void notRulesForLogsourcesVigilDoesNotIngestRaiseNothingOverTheDemoTrafficAndAreDormant() throws Exception {
        Path rules = copyRules(work.resolve("demo-rules"));
        Path notRules = Files.createDirectories(rules.resolve("sigma/not-rules"));
        for (String file : List.of(
                "zeek_rdp_public_listener.yml",
                "win_proc_not_system.yml",
                "zeek_smb_not_admin_share.yml",
                "aws_cloudtrail_not_console.yml")) {
            Files.copy(Path.of("src/test/resources/not-rules", file), notRules.resolve(file));
        }
        Job job = new Job("itnotrules", rules);
        String id = job.submit();
        try (DemoTraffic demo = new DemoTraffic(
                stack().settings().kafkaBootstrap(), Map.of(), job.metrics, job.threats, new Random(19))) {
            // four minutes of the demo: 20 hosts' metrics, JSON logins, sudo lines, one brute force
            demo.produce(Instant.now().minus(6, ChronoUnit.MINUTES), 120);
        }
        try {
            job.awaitAlerts("rule_id:ssh-brute-force", docs -> !docs.isEmpty());
            job.awaitStoredLogs(120 * 20);
            long alerts = job.awaitStableAlertCount();
            assertThat(alerts).as("the shipped rules saw the traffic").isGreaterThan(0);
            for (String rule : NOT_RULES) {
                assertThat(job.alerts("rule_id:\"" + rule + "\""))
                        .as(rule + " raised nothing")
                        .isEmpty();
                assertThat(job.count(job.prefix + "-logs", "threats.rule_id:\"" + rule + "\""))
                        .as(rule + " tagged nothing")
                        .isZero();
            }
            Map<String, JsonNode> catalog = job.catalog();
            assertThat(catalog.get(NOT_RULES.get(1)).path("dormant").asText())
                    .isEqualTo("Vigil has no Windows event log input");
            assertThat(catalog.get(NOT_RULES.get(2)).path("dormant").asText())
                    .startsWith("Vigil keeps no fields of this Zeek log");
            assertThat(catalog.get(NOT_RULES.get(3)).path("dormant").asText())
                    .startsWith("no Vigil source produces product=aws service=cloudtrail events");
            JsonNode rdp = catalog.get(NOT_RULES.get(0));
            assertThat(rdp.has("dormant"))
                    .as("Zeek rdp.log runs, on Zeek rdp.log events only")
                    .isFalse();
            assertThat(rdp.path("logsource").asText()).isEqualTo("product=zeek service=rdp");
        } finally {
            rest.cancel(id);
        }
    }

    @Test
    void aDeployKeepsACountWindowThatBeganBeforeItAndItsAlertCountsAllItsEvents() throws Exception {
        Path rules = Files.createDirectories(work.resolve("deploy-rules"));
        Files.writeString(rules.resolve("slow-burn.yml"), """
                id: slow-burn
                title: Slow password guessing
                severity: HIGH
                kind: count
                group_by: [source.address]
                detection:
                  failed: {event.action: ssh_login, event.outcome: failure}
                  condition: failed
                count: {within: 30m, at_least: 3}
                """);
        Files.writeString(rules.resolve("slow-burn.tests.yml"), """
                cases:
                  - name: three failures in half an hour fire
                    events:
                      - {at: 0s, host: h, event.action: ssh_login, event.outcome: failure, source.address: 203.0.113.5}
                      - {at: 10m, host: h, event.action: ssh_login, event.outcome: failure, source.address: 203.0.113.5}
                      - {at: 20m, host: h, event.action: ssh_login, event.outcome: failure, source.address: 203.0.113.5}
                    expect:
                      - {count: 3}
                """);
        writeCanary(rules, "canary-one");
        Job job = new Job("itdeploy", rules);
        String before = job.submit();
        String peer = "203.0.113.77";
        Instant first = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        job.send(failure(first, peer));
        job.send(failure(first.plusSeconds(1), peer));
        job.awaitStoredLogs(2);
        assertThat(job.alerts("rule_id:slow-burn")).as("two of three").isEmpty();
        // what the deploy must keep is in the job's state: a checkpoint taken now holds it
        long checkpoint = rest.checkpoint(before, Duration.ofMinutes(1));
        assertThat(rest.checkpointStateSizes(before, checkpoint))
                .as("state per task in checkpoint %d", checkpoint)
                .anySatisfy((task, bytes) -> {
                    assertThat(task).contains("slow-burn");
                    assertThat(bytes).isPositive();
                });

        // the change: one rule edited, one added; slow-burn untouched
        writeCanary(rules, "canary-two");
        writeWordRule(rules, "newcomer", "A rule added by the deploy", "newcomer-marker");
        assertThat(vigil("rules", "validate", rules.toString()).exitCode()).isZero();
        Run tests = vigil("rules", "test", rules.toString());
        assertThat(tests.exitCode()).as(tests.output()).isZero();
        String version = vigil("rules", "version", rules.toString())
                .output()
                .strip()
                .lines()
                .reduce((a, b) -> b)
                .orElseThrow();

        RulesDeployment deployment = new RulesDeployment(rest, line -> System.out.println("[deploy] " + line));
        assertThatThrownBy(() -> deployment.deploy(
                        stack().settings().jobJar(), "0".repeat(64), null, null, Duration.ofMinutes(2)))
                .as("rules that are not what was validated never stop the job")
                .hasMessageContaining("was left running")
                .hasMessageContaining("not 000000000000");
        assertThat(rest.jobState(before)).isEqualTo("RUNNING");

        RulesDeployment.Outcome outcome =
                deployment.deploy(stack().settings().jobJar(), version, null, null, Duration.ofMinutes(2));
        System.out.printf(
                "[deploy] detection paused %d ms (stop requested -> every task of the new job running)%n",
                outcome.pause().toMillis());
        assertThat(outcome.oldJob()).isEqualTo(before);
        assertThat(rest.jobState(before)).isEqualTo("FINISHED");
        assertThat(rest.jobParameters(outcome.newJob()))
                .containsEntry("rules.version", version)
                .containsEntry("rules.path", rules.toString());

        Instant third = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        job.send(failure(third, peer));
        try {
            Map<String, JsonNode> alerts = job.awaitAlerts("rule_id:slow-burn", docs -> !docs.isEmpty());
            job.awaitStableAlertCount();
            alerts = job.alerts("rule_id:slow-burn");
            assertThat(alerts).hasSize(1);
            JsonNode alert = alerts.values().iterator().next();
            assertThat(alert.path("count").asInt())
                    .as("the window kept its two events across the deploy")
                    .isEqualTo(3);
            assertThat(Instant.parse(alert.path("first_seen").asText())).isEqualTo(first);
            assertThat(Instant.parse(alert.path("last_seen").asText())).isEqualTo(third);
            assertThat(job.catalog().get("canary").path("title").asText()).isEqualTo("Canary canary-two");
            assertThat(job.catalog().get("newcomer").path("rule_set").asText()).isEqualTo(version);
        } finally {
            rest.cancel(outcome.newJob());
        }
    }

    // ------------------------------------------------------------------ helpers

    private static void writeCanary(Path rules, String word) throws IOException {
        writeWordRule(rules, "canary", "Canary " + word, word);
    }

    /** A LOW match rule {@code id} that fires on lines holding {@code word}, with its test case. */
    private static void writeWordRule(Path rules, String id, String title, String word) throws IOException {
        Files.writeString(rules.resolve(id + ".yml"), """
                id: %s
                title: %s
                severity: LOW
                kind: match
                detection:
                  k: ['%s']
                  condition: k
                """.formatted(id, title, word));
        Files.writeString(rules.resolve(id + ".tests.yml"), """
                cases:
                  - name: the word fires
                    events: [{at: 0s, host: h, message: 'a %s line'}]
                    expect: [{count: 1}]
                """.formatted(word));
    }

    private static String failure(Instant at, String peer) {
        return "{\"timestamp\":\"" + at + "\",\"host\":\"bastion-09\",\"message\":\"Failed password for root from "
                + peer + "\",\"event\":{\"action\":\"ssh_login\",\"outcome\":\"failure\"},\"source\":{\"ip\":\"" + peer
                + "\"}}";
    }

    private Path copyRules(Path target) throws IOException {
        Path source = HOME.resolve("rules");
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path p : walk.toList()) {
                Path to = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        return target;
    }

    record Run(int exitCode, String output) {}

    /** {@code ./vigil ARGS} from the checkout, as an author runs it. */
    private static Run vigil(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(HOME.resolve("vigil").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .directory(HOME.toFile())
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        System.out.println("[vigil " + String.join(" ", args) + "]\n" + output);
        return new Run(process.exitValue(), output);
    }

    /** One job of this test: its topics, consumer group and index prefix on the stack's Kafka and Elasticsearch. */
    private final class Job {
        final String prefix;
        final String metrics;
        final String threats;
        final Path rules;

        Job(String name, Path rules) throws Exception {
            this.prefix = name;
            this.metrics = name + "-metrics";
            this.threats = name + "-threats";
            this.rules = rules;
            EmbeddedKafka.createTopics(
                    stack().settings().kafkaBootstrap(), Map.of(), List.of(metrics, threats), 2, (short) 1);
            for (Map.Entry<String, String> t : IndexTemplates.forPrefix(prefix).entrySet()) {
                es("PUT", "/_index_template/" + t.getKey(), t.getValue());
            }
        }

        String submit() throws Exception {
            String jarId = rest.uploadJar(stack().settings().jobJar());
            List<String> args = List.of(
                    "--kafka.bootstrap",
                    stack().settings().kafkaBootstrap(),
                    "--kafka.group",
                    prefix,
                    "--topic.metrics",
                    metrics,
                    "--topic.threats",
                    threats,
                    "--es.hosts",
                    stack().settings().elasticsearchUrl(),
                    "--es.index-prefix",
                    prefix,
                    "--rules.path",
                    rules.toString(),
                    "--protect.keys-file",
                    FieldKeys.inDataDir(stack().settings().dataDir())
                            .toAbsolutePath()
                            .toString(),
                    "--checkpoint.interval",
                    "2s",
                    "--event-time.idleness",
                    "3s",
                    "--es.bulk.interval",
                    "200ms");
            String id = rest.runJar(jarId, args, null, stack().settings().flinkParallelism());
            rest.awaitRunning(id, Duration.ofMinutes(2));
            return id;
        }

        void send(String value) throws Exception {
            Properties props = new Properties();
            props.put(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack().settings().kafkaBootstrap());
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
                producer.send(new ProducerRecord<>(threats, value)).get(30, TimeUnit.SECONDS);
            }
        }

        Map<String, JsonNode> alerts(String query) throws Exception {
            return search(prefix + "-alerts", query);
        }

        Map<String, JsonNode> catalog() throws Exception {
            return search(prefix + "-rules", "*");
        }

        Map<String, JsonNode> awaitAlerts(String query, Predicate<Map<String, JsonNode>> done) throws Exception {
            return Polling.until(Duration.ofSeconds(120), () -> alerts(query), done);
        }

        long awaitStableAlertCount() throws Exception {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            long count = count(prefix + "-alerts", "*");
            long since = System.nanoTime();
            while (System.nanoTime() - since < Duration.ofSeconds(5).toNanos() && System.nanoTime() < deadline) {
                Thread.sleep(250);
                long now = count(prefix + "-alerts", "*");
                if (now != count) {
                    count = now;
                    since = System.nanoTime();
                }
            }
            return count;
        }

        void awaitStoredLogs(long n) throws Exception {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (count(prefix + "-logs", "*") < n && System.nanoTime() < deadline) {
                Thread.sleep(250);
            }
            assertThat(count(prefix + "-logs", "*")).isGreaterThanOrEqualTo(n);
        }

        long count(String index, String query) throws Exception {
            HttpResponse<String> r = refreshedQuery(index, "_count", query);
            return r.statusCode() == 404
                    ? 0
                    : ApiClient.JSON.readTree(r.body()).path("count").asLong();
        }

        /**
         * {@code action} ({@code _count}, {@code _search?size=500}) over the documents of the Lucene
         * query, after a refresh so that what the job just wrote is seen; an index not yet created
         * answers 404.
         */
        private HttpResponse<String> refreshedQuery(String index, String action, String query) throws Exception {
            es("POST", "/" + index + "/_refresh?ignore_unavailable=true", "");
            String separator = action.contains("?") ? "&" : "?";
            return es(
                    "GET",
                    "/" + index + "/" + action + separator + "ignore_unavailable=true&q="
                            + URLEncoder.encode(query, StandardCharsets.UTF_8),
                    null);
        }

        private Map<String, JsonNode> search(String index, String query) throws Exception {
            HttpResponse<String> r = refreshedQuery(index, "_search?size=500", query);
            Map<String, JsonNode> docs = new HashMap<>();
            for (JsonNode hit : ApiClient.JSON.readTree(r.body()).path("hits").path("hits")) {
                docs.put(hit.path("_id").asText(), hit.path("_source"));
            }
            return docs;
        }
    }

    private HttpResponse<String> es(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(stack().settings().elasticsearchUrl() + path))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
