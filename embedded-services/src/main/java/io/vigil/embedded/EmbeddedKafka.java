package io.vigil.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.server.MetaProperties;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.server.common.MetadataVersion;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A real Kafka broker in KRaft mode (combined broker + controller) in this JVM. The log
 * directory is formatted once and reused, so topics and offsets survive restarts.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private final KafkaRaftServer server;
    private final int port;

    private EmbeddedKafka(KafkaRaftServer server, int port) {
        this.server = server;
        this.port = port;
    }

    public static EmbeddedKafka start(Path logDir, int port, int controllerPort) throws IOException {
        Files.createDirectories(logDir);
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", logDir.toAbsolutePath().toString());
        props.put("num.partitions", "1");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "true");
        props.put("log.retention.hours", "168");
        // Room for the ingestion issue's oversized-record test; records over the job's own limit
        // are dead-lettered there, with their reason.
        props.put("message.max.bytes", String.valueOf(8 * 1024 * 1024));
        KafkaConfig config = KafkaConfig.fromProps(props, false);

        if (!Files.exists(logDir.resolve("meta.properties"))) {
            StorageTool.formatCommand(System.out,
                    CollectionConverters.asScala(List.of(logDir.toAbsolutePath().toString())).toSeq(),
                    new MetaProperties(Uuid.randomUuid().toString(), 1),
                    MetadataVersion.latest(), true);
        }
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM, Option.empty());
        server.startup();
        return new EmbeddedKafka(server, port);
    }

    public String bootstrap() {
        return "localhost:" + port;
    }

    public int port() {
        return port;
    }

    /** Creates the topics that do not exist yet (one partition each unless given). */
    public void createTopics(Collection<String> names, int partitions) throws IOException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (String name : names) {
                if (!existing.contains(name)) {
                    missing.add(new NewTopic(name, partitions, (short) 1));
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
            }
        } catch (ExecutionException e) {
            throw new IOException("could not create topics " + names, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while creating topics", e);
        }
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
