package io.vigil.query.testing;

import io.vigil.common.FreePorts;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Elasticsearch 7.10 node for the query service's tests, started once per test JVM in a
 * JVM of its own ({@code io.vigil.embedded.ElasticsearchMain} from embedded-services): Micronaut
 * runs on Netty 4.2 and Elasticsearch 7.10 on Netty 4.1, which cannot share a classpath.
 *
 * <p>Kept in JUnit's root store, so JUnit stops it after the last test; the child also stops on
 * its own when its stdin closes, so a killed test JVM leaves no node behind. Test classes isolate
 * themselves by index prefix.
 */
public final class ElasticsearchProcessExtension implements BeforeAllCallback {
    private static final String KEY = ElasticsearchProcessExtension.class.getName();
    private static final String READY = "ELASTICSEARCH READY ";
    private static final long START_TIMEOUT_MS = 180_000;
    private static volatile String url;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot()
                .getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(KEY, key -> start(), Node.class);
    }

    /** The node's base URL; the extension must have run (see {@link ElasticsearchTestSupport}). */
    public static String url() {
        if (url == null) {
            throw new IllegalStateException("annotate the test with @ExtendWith(ElasticsearchProcessExtension.class)");
        }
        return url;
    }

    private static Node start() {
        try {
            Path target = Path.of(System.getProperty("vigil.embedded.target", "../embedded-services/target"))
                    .toAbsolutePath()
                    .normalize();
            Path classpathFile = target.resolve("classpath.txt");
            if (!Files.exists(classpathFile) || !Files.isDirectory(target.resolve("classes"))) {
                throw new IllegalStateException("build embedded-services first (" + classpathFile + " is missing): "
                        + "mvn -pl embedded-services,query-service -am install -DskipTests");
            }
            String classpath = target.resolve("classes")
                    + java.io.File.pathSeparator
                    + Files.readString(classpathFile, StandardCharsets.UTF_8).trim();
            Path dir = Files.createTempDirectory("vigil-qs-es-");
            Path log = dir.resolve("elasticsearch.log");
            int port = FreePorts.next();
            List<String> command = List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xms512m",
                    "-Xmx1g",
                    "-da:org.elasticsearch...", // an assert in ES 7.10 trips on cgroup v2
                    "-Dlog4j2.disable.jmx=true",
                    "-cp",
                    classpath,
                    "io.vigil.embedded.ElasticsearchMain",
                    Integer.toString(port),
                    dir.resolve("data").toString());
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            Node node = new Node(process, dir);
            long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
            while (true) {
                String output = Files.readString(log, StandardCharsets.UTF_8);
                int at = output.indexOf(READY);
                if (at >= 0) {
                    int end = output.indexOf('\n', at);
                    if (end > 0) {
                        url = output.substring(at + READY.length(), end).trim();
                        return node;
                    }
                }
                if (!process.isAlive() || System.currentTimeMillis() > deadline) {
                    node.close();
                    throw new IllegalStateException("Elasticsearch did not start; its output:\n" + tail(output));
                }
                Thread.sleep(100);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String tail(String text) {
        return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
    }

    /** The child JVM; closing its stdin stops it (ElasticsearchMain), then its directory goes. */
    static final class Node implements ExtensionContext.Store.CloseableResource {
        private final Process process;
        private final Path dir;

        Node(Process process, Path dir) {
            this.process = process;
            this.dir = dir;
        }

        @Override
        public void close() throws IOException {
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.flush();
            } catch (IOException ignored) {
                // already gone
            }
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroy();
                    if (!process.waitFor(10, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
            url = null;
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
