package io.vigil.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The query service in its own JVM: Micronaut brings Netty 4.2, Elasticsearch 7.10 Netty 4.1,
 * and the two cannot share a classpath. Its output goes to this console, so a generated admin
 * password printed on first start reaches the operator.
 */
public final class QueryServiceProcess implements AutoCloseable {
    private final Process process;

    private QueryServiceProcess(Process process) {
        this.process = process;
    }

    public static QueryServiceProcess start(StackSettings settings) throws IOException {
        return start(settings, settings.elasticsearchUrl());
    }

    /** The same, reading from the given Elasticsearch nodes (comma separated). */
    public static QueryServiceProcess start(StackSettings settings, String elasticsearchUrls) throws IOException {
        Path jar = settings.queryServiceJar();
        if (!Files.isRegularFile(jar)) {
            throw new IOException("query service jar missing: " + jar + " (run `mvn package` or ./vigil up)");
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx512m", "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        Map<String, String> env = builder.environment();
        env.put("VIGIL_DATA", settings.dataDir().toAbsolutePath().toString());
        env.put("VIGIL_ES_URL", elasticsearchUrls);
        env.put("VIGIL_HTTP_PORT", String.valueOf(settings.httpPort()));
        env.put("VIGIL_INDEX_PREFIX", settings.indexPrefix());
        // the Rules page's deploy and backtest run this checkout's `vigil` against this stack's Flink
        env.put(
                "VIGIL_RULES_COMMAND",
                settings.home().resolve("vigil").toAbsolutePath().toString());
        env.put("VIGIL_FLINK_URL", settings.flinkUrl());
        env.putAll(settings.queryEnv());
        return new QueryServiceProcess(builder.start());
    }

    /** Waits until {@code GET /health} answers 200 (the service reaches Elasticsearch). */
    public void awaitHealthy(String apiUrl, Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .sslContext(LocalCertificates.trustingLocalhost())
                .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the query service exited with code " + process.exitValue());
            }
            try {
                HttpResponse<Void> r = http.send(
                        HttpRequest.newBuilder(URI.create(apiUrl + "/health")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IOException("the query service did not become healthy at " + apiUrl + " within " + timeout);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
