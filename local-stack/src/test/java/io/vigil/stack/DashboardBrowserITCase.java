package io.vigil.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.vigil.common.IndexTemplates;
import io.vigil.common.Indices;
import io.vigil.common.Topics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The dashboard in Debian's Chromium against the whole local stack, as a user sees it:
 * {@code dashboard/e2e/dashboard.e2e.ts} (Playwright Test, never a downloaded browser) drives the
 * built dashboard served by the query service, and this class plays the world around it. It
 * produces logs to Kafka when a scenario asks ({@code POST /cue/<step>} on a loopback port it
 * serves, answered once Kafka has the records), and reports each scenario of Playwright's JSON
 * report as one test ({@link PlaywrightReport}).
 *
 * <p>Seeded rather than produced, and named as such: metric rollups in {@code vigil-metrics-1m}
 * (the summary reads rollups, which the job writes only once the trend issue lands) and one alert
 * document used only to test the acknowledge UI flow. The brute-force alert is never seeded: it
 * must come from the detection engine; while no rule is loaded that scenario is reported as
 * skipped (pending), with the reason.
 *
 * <p>Screenshots of every page: {@code local-stack/target/screenshots/}; the report, and a trace
 * of each failed scenario ({@code npx playwright show-trace}): {@code local-stack/target/e2e/}.
 */
@ExtendWith(LocalStackExtension.class)
class DashboardBrowserITCase {
    private static final Path HOME =
            Path.of(System.getProperty("vigil.home", "..")).toAbsolutePath().normalize();
    private static final Path SCREENSHOTS = Path.of("target", "screenshots").toAbsolutePath();
    /** The JSON report, and the trace and screenshot of each failed scenario. */
    private static final Path RESULTS = Path.of("target", "e2e").toAbsolutePath();
    /** Playwright Test's command line, run with node from dashboard/ (no npx: nothing is fetched). */
    private static final String PLAYWRIGHT_CLI = "node_modules/@playwright/test/cli.js";

    private static final Duration RUN_LIMIT = Duration.ofMinutes(12);
    private static final DateTimeFormatter RFC3164 =
            DateTimeFormatter.ofPattern("MMM dd HH:mm:ss", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final int SEARCH_LOW = 45;
    private static final int SEARCH_HIGH = 15;

    private final LocalStack stack = LocalStackExtension.stack();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String suffix = Long.toHexString(System.nanoTime());
    private final Map<String, String> names = new LinkedHashMap<>();

    @TestFactory
    Stream<DynamicTest> theDashboardInChromium() throws Exception {
        Path chromium = Path.of(System.getenv().getOrDefault("VIGIL_CHROMIUM", "/usr/bin/chromium"));
        Path playwright = HOME.resolve("dashboard").resolve(PLAYWRIGHT_CLI);
        prerequisite(
                Files.isExecutable(chromium),
                "Chromium is not installed at " + chromium
                        + " (./vigil test installs Debian's chromium when run as root: apt-get install -y chromium)");
        prerequisite(
                Files.isRegularFile(playwright),
                "dashboard/node_modules lacks @playwright/test (run `mvn -pl dashboard package`, which runs npm ci)");
        theServedDashboardIsThisBuild();

        names.put("liveHost", "e2e-live-" + suffix);
        names.put("severityHost", "e2e-sev-" + suffix);
        names.put("pauseHost", "e2e-pause-" + suffix);
        names.put("noJumpHost", "e2e-nojump-" + suffix);
        names.put("searchHost", "e2e-search-" + suffix);
        names.put("metricsHost", "e2e-metrics-" + suffix);
        names.put("bruteForceHost", "bastion-01");
        names.put("seededAlertId", "e2e-seeded-ack-ui-test-" + suffix);

        try (KafkaProducer<String, String> producer = producer()) {
            installTemplates();
            String firstSearchLog = produceSearchLogs(producer);
            seedMetricRollups();
            seedAlertForTheAcknowledgeUi(firstSearchLog);
            return run(chromium, producer);
        }
    }

    private Stream<DynamicTest> run(Path chromium, KafkaProducer<String, String> producer) throws Exception {
        ObjectNode data = ApiClient.JSON.createObjectNode();
        names.forEach(data::put);
        data.put("searchTotal", SEARCH_LOW + SEARCH_HIGH);
        data.put("searchHigh", SEARCH_HIGH);
        Files.createDirectories(SCREENSHOTS);
        Path report = RESULTS.resolve("report.json");
        Files.deleteIfExists(report);

        HttpServer cues = cueServer(producer);
        try {
            ProcessBuilder builder = new ProcessBuilder(
                            "node", PLAYWRIGHT_CLI, "test", "--config", "e2e/playwright.config.ts")
                    .directory(HOME.resolve("dashboard").toFile())
                    .redirectErrorStream(true);
            Map<String, String> env = builder.environment();
            env.put("VIGIL_URL", stack.settings().apiUrl());
            env.put("VIGIL_USER", "admin");
            env.put("VIGIL_PASSWORD", LocalStackExtension.ADMIN_PASSWORD);
            env.put("VIGIL_SCREENSHOTS", SCREENSHOTS.toString());
            env.put("VIGIL_E2E_RESULTS", RESULTS.toString());
            env.put("VIGIL_CHROMIUM", chromium.toString());
            env.put("VIGIL_E2E", data.toString());
            env.put("VIGIL_E2E_CUES", "http://127.0.0.1:" + cues.getAddress().getPort() + "/cue");
            Process process = builder.start();
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                Thread pump = new Thread(
                        () -> out.lines().forEach(line -> System.out.println("[browser] " + line)), "e2e-output");
                pump.setDaemon(true);
                pump.start();
                if (!process.waitFor(RUN_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    System.out.println("[e2e] the browser run exceeded " + RUN_LIMIT + "; stopping it");
                    process.destroyForcibly().waitFor();
                }
                pump.join(5_000);
            }
            System.out.println("[e2e] screenshots: " + SCREENSHOTS + "; traces of failed scenarios: " + RESULTS);
            return PlaywrightReport.read(report, process.exitValue()).stream()
                    .map(scenario -> DynamicTest.dynamicTest(scenario.title(), () -> scenario.check(SCREENSHOTS)));
        } finally {
            cues.stop(0);
        }
    }

    /**
     * Where the scenarios ask for records: {@code POST /cue/<step>} answers 204 once they are
     * sent (Kafka acknowledged them), 500 with the reason when they could not be.
     */
    private HttpServer cueServer(KafkaProducer<String, String> producer) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/cue/", exchange -> {
            String step = exchange.getRequestURI().getPath().substring("/cue/".length());
            int status = 204;
            byte[] body = new byte[0];
            try {
                if (!"POST".equals(exchange.getRequestMethod())) {
                    status = 405;
                } else if (!produceFor(step, producer)) {
                    status = 404;
                    body = ("no records for step " + step).getBytes(StandardCharsets.UTF_8);
                }
            } catch (Exception e) {
                status = 500;
                body = e.toString().getBytes(StandardCharsets.UTF_8);
            }
            System.out.println("[e2e] cue " + step + ": " + status);
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }

    // ------------------------------------------------------------------ what the scenarios cue

    /** Produces the records of a scenario's step; false for a step this class does not know. */
    private boolean produceFor(String step, KafkaProducer<String, String> producer) throws Exception {
        Instant now = Instant.now();
        switch (step) {
            case "live-tail" -> {
                String host = names.get("liveHost");
                send(
                        producer,
                        Topics.THREATS,
                        host,
                        "{\"timestamp\":\"" + now + "\",\"host\":\"" + host + "\",\"message\":\"e2e live tail " + suffix
                                + "\",\"event\":{\"action\":\"e2e-check\"}}");
            }
            case "live-severity" -> {
                String host = names.get("severityHost");
                // Same key, same partition: the LOW line is stored first, so it would show first if unfiltered.
                send(producer, Topics.THREATS, host, syslog5424(14, now, host, "e2e LOW record, filtered out"));
                send(producer, Topics.THREATS, host, syslog5424(11, now.plusMillis(1), host, "e2e HIGH record, shown"));
            }
            case "live-pause" -> {
                String host = names.get("pauseHost");
                send(producer, Topics.THREATS, host, syslog5424(11, now, host, "e2e record held while paused"));
            }
            case "live-no-jump" -> {
                String host = names.get("noJumpHost");
                for (int i = 0; i < 3; i++) {
                    send(
                            producer,
                            Topics.THREATS,
                            host,
                            syslog5424(14, now.plusMillis(i), host, "e2e arriving above " + i));
                }
            }
            case "brute-force" -> {
                String host = names.get("bruteForceHost");
                for (int i = 0; i < 8; i++) {
                    Instant t = now.minusSeconds(8 - i);
                    send(
                            producer,
                            Topics.THREATS,
                            host,
                            RFC3164.format(t) + " " + host
                                    + " sshd[123]: Failed password for root from 203.0.113.77 port 5000" + i + " ssh2");
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ seeding before the run

    /** The job installs these before its first write; PUT is idempotent, so seeding never races it. */
    private void installTemplates() throws Exception {
        for (Map.Entry<String, String> t :
                IndexTemplates.forPrefix(stack.settings().indexPrefix()).entrySet()) {
            es("PUT", "/_index_template/" + t.getKey(), t.getValue(), "application/json");
        }
    }

    /** 60 logs of one host, 15 of them HIGH (syslog err), for search, paging and the severity filter. */
    private String produceSearchLogs(KafkaProducer<String, String> producer) throws Exception {
        String host = names.get("searchHost");
        Instant start = Instant.now().minusSeconds(120);
        String first = null;
        for (int i = 0; i < SEARCH_LOW + SEARCH_HIGH; i++) {
            boolean high = i % 4 == 3;
            String line = syslog5424(
                    high ? 11 : 14,
                    start.plusMillis(i * 500L),
                    host,
                    "e2e search log " + i + (high ? " disk error" : " routine"));
            RecordMetadata meta = send(producer, Topics.THREATS, host, line);
            if (first == null) {
                first = io.vigil.common.DocumentIds.of(meta.topic(), meta.partition(), meta.offset());
            }
        }
        return first;
    }

    /**
     * SEEDED: one hour of 1-minute rollups for one host in {@code vigil-metrics-1m}, the documents
     * {@code GET /metrics/summary} reads. Named e2e-metrics-*, ids prefixed e2e-seed-.
     */
    private void seedMetricRollups() throws Exception {
        String host = names.get("metricsHost");
        String index = new Indices(stack.settings().indexPrefix()).metrics("1m");
        Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        StringBuilder bulk = new StringBuilder();
        for (int m = 60; m >= 1; m--) {
            Instant t = end.minus(m, ChronoUnit.MINUTES);
            int samples = 6;
            double cpu = 35 + 25 * Math.sin(m / 6.0) + (m % 7 == 0 ? 30 : 0);
            double mem = 55 + 10 * Math.cos(m / 9.0);
            double netIn = 120_000 + 40_000 * Math.sin(m / 4.0);
            double netOut = 900_000 + 300_000 * Math.cos(m / 5.0);
            bulk.append("{\"index\":{\"_index\":\"")
                    .append(index)
                    .append("\",\"_id\":\"e2e-seed-")
                    .append(host)
                    .append("-")
                    .append(t.getEpochSecond())
                    .append("\"}}\n");
            ObjectNode doc = ApiClient.JSON
                    .createObjectNode()
                    .put("timestamp", t.toString())
                    .put("interval", "1m")
                    .put("host", host)
                    .put("samples", samples)
                    .put("cpu_sum", cpu * samples)
                    .put("cpu_avg", cpu)
                    .put("cpu_min", cpu - 5)
                    .put("cpu_max", Math.min(100, cpu + 8))
                    .put("cpu_p95", Math.min(100, cpu + 6))
                    .put("memory_sum", mem * samples)
                    .put("memory_avg", mem)
                    .put("memory_min", mem - 1)
                    .put("memory_max", mem + 2)
                    .put("memory_p95", mem + 1.5)
                    .put("net_in_sum", netIn * samples)
                    .put("net_in_avg", netIn)
                    .put("net_in_max", netIn * 1.2)
                    .put("net_out_sum", netOut * samples)
                    .put("net_out_avg", netOut)
                    .put("net_out_max", netOut * 1.2);
            bulk.append(doc).append('\n');
        }
        String answer = es("POST", "/_bulk?refresh=true", bulk.toString(), "application/x-ndjson");
        assertThat(ApiClient.JSON.readTree(answer).path("errors").asBoolean())
                .as(answer)
                .isFalse();
    }

    /**
     * SEEDED, for the acknowledge UI flow only: an alert document that no rule raised, titled so
     * nobody mistakes it for detection output. The real brute force is a separate scenario.
     */
    private void seedAlertForTheAcknowledgeUi(String eventId) throws Exception {
        String id = names.get("seededAlertId");
        Instant now = Instant.now();
        ObjectNode alert = ApiClient.JSON
                .createObjectNode()
                .put("rule_id", "e2e-seeded-ui-test")
                .put("title", "E2E seeded alert — acknowledge UI test only (not raised by detection)")
                .put("summary", "Seeded by DashboardBrowserITCase to test acknowledge/close in the browser.")
                .put("severity", "HIGH")
                .put("host", names.get("searchHost"))
                .put("group_key", names.get("searchHost"))
                .put("first_seen", now.minusSeconds(120).toString())
                .put("last_seen", now.minusSeconds(60).toString())
                .put("count", 1)
                .put("status", "open");
        alert.putArray("tags").add("e2e-seeded");
        alert.putArray("event_ids").add(eventId);
        String index = new Indices(stack.settings().indexPrefix()).alerts();
        es("PUT", "/" + index + "/_doc/" + id + "?refresh=true", alert.toString(), "application/json");
    }

    /**
     * The query service jar must carry the dashboard of this checkout: a jar built without the
     * reactor (`-pl query-service` alone) takes whatever vigil-dashboard is in ~/.m2, and the
     * browser would test a stale UI.
     */
    private void theServedDashboardIsThisBuild() throws Exception {
        Path built = HOME.resolve("dashboard/target/dist/index.html");
        if (!Files.isRegularFile(built)) {
            return;
        }
        String served =
                new ApiClient(stack.settings().apiUrl()).get("/ui/", null).body();
        assertThat(served.strip())
                .as("the query service serves a different dashboard build than dashboard/target/dist: rebuild "
                        + "query-service together with dashboard (mvn -pl local-stack -am verify), or install the "
                        + "current dashboard (mvn -pl dashboard install)")
                .isEqualTo(Files.readString(built).strip());
    }

    // ------------------------------------------------------------------ plumbing

    private static String syslog5424(int pri, Instant time, String host, String message) {
        return "<" + pri + ">1 " + time + " " + host + " e2e 4242 - - " + message;
    }

    private static RecordMetadata send(KafkaProducer<String, String> producer, String topic, String key, String value)
            throws Exception {
        return producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
    }

    private String es(String method, String path, String body, String contentType)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.settings().elasticsearchUrl() + path))
                .header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(60))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as(method + " " + path + ": " + response.body())
                .isBetween(200, 299);
        return response.body();
    }

    private KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.settings().kafkaBootstrap());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        return new KafkaProducer<>(props);
    }

    /** Missing browser prerequisites skip the test on a workstation and fail it in CI. */
    private static void prerequisite(boolean present, String message) {
        if (System.getenv("CI") != null && !present) {
            fail(message);
        }
        assumeTrue(present, message);
    }
}
