package io.vigil.embedded;

import io.vigil.common.FreePorts;
import io.vigil.common.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts one Kafka broker and one Elasticsearch node per test JVM, however many test classes
 * use it ({@code @ExtendWith(VigilServicesExtension.class)}), and stops them when the JVM's
 * tests are done. Tests isolate themselves by topic names and index prefixes, not by restarts.
 */
public final class VigilServicesExtension implements BeforeAllCallback {
    private static final String KEY = VigilServicesExtension.class.getName();

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        context.getRoot()
                .getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(KEY, key -> startServices(), Services.class);
    }

    /** The running services; call from a test after the extension ran. */
    public static Services services(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).get(KEY, Services.class);
    }

    private static Services startServices() {
        try {
            Path dir = Files.createTempDirectory("vigil-test-services");
            EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), FreePorts.next(), FreePorts.next());
            kafka.createTopics(Topics.ALL, 1);
            EmbeddedElasticsearch es = EmbeddedElasticsearch.start(dir.resolve("es"), FreePorts.next());
            Services services = new Services(kafka, es, dir);
            Services.current = services;
            return services;
        } catch (Exception e) {
            throw new IllegalStateException("could not start the embedded services", e);
        }
    }

    /** Kafka and Elasticsearch shared by the JVM's tests; closed by JUnit at the very end. */
    public static final class Services implements ExtensionContext.Store.CloseableResource {
        private static volatile Services current;
        public final EmbeddedKafka kafka;
        public final EmbeddedElasticsearch elasticsearch;
        public final Path dir;

        Services(EmbeddedKafka kafka, EmbeddedElasticsearch elasticsearch, Path dir) {
            this.kafka = kafka;
            this.elasticsearch = elasticsearch;
            this.dir = dir;
        }

        /** The services of this JVM (after the extension ran), for fields and helpers. */
        public static Services get() {
            if (current == null) {
                throw new IllegalStateException("annotate the test with @ExtendWith(VigilServicesExtension.class)");
            }
            return current;
        }

        @Override
        public void close() throws Exception {
            try {
                elasticsearch.close();
            } finally {
                kafka.close();
            }
        }
    }
}
