package io.vigil.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
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
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.security.scram.internals.ScramCredentialUtils;
import org.apache.kafka.common.security.scram.internals.ScramFormatter;
import org.apache.kafka.common.security.scram.internals.ScramMechanism;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.server.common.MetadataVersion;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A real Kafka broker in KRaft mode (combined broker + controller) in this JVM. The log
 * directory is formatted once and reused, so topics and offsets survive restarts. Its client
 * port speaks PLAINTEXT ({@link #start}) or only TLS + SASL/SCRAM ({@link #startSecure}).
 */
public final class EmbeddedKafka implements AutoCloseable {
    /** The broker's own SCRAM user: inter-broker traffic and {@link #createTopics}; its password lives only in memory. */
    public static final String BROKER_USER = "vigil-broker";

    private final KafkaRaftServer server;
    private final int port;
    private final Map<String, Object> adminProperties;

    private EmbeddedKafka(KafkaRaftServer server, int port, Map<String, Object> adminProperties) {
        this.server = server;
        this.port = port;
        this.adminProperties = adminProperties;
    }

    /** A broker whose client port speaks PLAINTEXT. */
    public static EmbeddedKafka start(Path logDir, int port, int controllerPort) throws IOException {
        Properties props = new Properties();
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        return start(logDir, port, controllerPort, props, Map.of());
    }

    /**
     * A broker whose client port accepts only TLS + SASL/SCRAM-SHA-512 from the given users. The
     * broker talks to itself over the same listener as its own user; only the KRaft controller
     * listener stays PLAINTEXT, bound to loopback (it serves no produce or fetch requests).
     */
    public static EmbeddedKafka startSecure(Path logDir, int port, int controllerPort, KafkaSecurity security)
            throws IOException {
        return startSecure(logDir, port, controllerPort, security, Map.of());
    }

    /**
     * The same with more broker settings, e.g. an authorizer ({@code authorizer.class.name},
     * {@code super.users}: the broker's own user {@value #BROKER_USER} and the controller
     * listener's {@code User:ANONYMOUS} must be among them).
     */
    public static EmbeddedKafka startSecure(
            Path logDir, int port, int controllerPort, KafkaSecurity security, Map<String, String> settings)
            throws IOException {
        Map<String, String> users = new HashMap<>(security.users());
        users.put(BROKER_USER, ScramFormatter.secureRandomString(new SecureRandom()));
        KafkaSecurity withBroker = new KafkaSecurity(
                security.keystore(),
                security.keystorePassword(),
                security.truststore(),
                security.truststorePassword(),
                users);
        String scram = "listener.name.sasl_ssl." + KafkaSecurity.MECHANISM.toLowerCase(Locale.ROOT) + ".";
        Properties props = new Properties();
        props.put("listeners", "SASL_SSL://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "SASL_SSL://localhost:" + port);
        props.put("inter.broker.listener.name", "SASL_SSL");
        props.put("listener.security.protocol.map", "SASL_SSL:SASL_SSL,CONTROLLER:PLAINTEXT");
        props.put("sasl.enabled.mechanisms", KafkaSecurity.MECHANISM);
        props.put("sasl.mechanism.inter.broker.protocol", KafkaSecurity.MECHANISM);
        props.put(scram + "sasl.jaas.config", brokerJaas(users));
        props.put(scram + "sasl.server.callback.handler.class", ScramCredentialsCallbackHandler.class.getName());
        props.put("ssl.keystore.type", "PKCS12");
        props.put("ssl.keystore.location", security.keystore().toAbsolutePath().toString());
        props.put("ssl.keystore.password", security.keystorePassword());
        props.put("ssl.truststore.type", "PKCS12");
        props.put(
                "ssl.truststore.location",
                security.truststore().toAbsolutePath().toString());
        props.put("ssl.truststore.password", security.truststorePassword());
        props.putAll(settings);
        return start(logDir, port, controllerPort, props, withBroker.clientProperties(BROKER_USER));
    }

    /** The broker's JAAS entry: its own login, then every user's salted SCRAM credential. */
    private static String brokerJaas(Map<String, String> users) {
        StringBuilder jaas = new StringBuilder(KafkaSecurity.jaasConfig(BROKER_USER, users.get(BROKER_USER)));
        jaas.setLength(jaas.length() - 1); // reopen the entry before its ';'
        try {
            ScramFormatter formatter = new ScramFormatter(ScramMechanism.SCRAM_SHA_512);
            for (Map.Entry<String, String> user : users.entrySet()) {
                String credential =
                        ScramCredentialUtils.credentialToString(formatter.generateCredential(user.getValue(), 4096));
                jaas.append(' ')
                        .append(ScramCredentialsCallbackHandler.USER_PREFIX)
                        .append(KafkaSecurity.quotable(user.getKey()))
                        .append("=\"")
                        .append(credential)
                        .append('"');
            }
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-512", e);
        }
        return jaas.append(';').toString();
    }

    /**
     * One broker of a KRaft cluster whose brokers run in JVMs of their own ({@code ./vigil up
     * --cluster}); each is broker and controller, PLAINTEXT on loopback. Internal topics are
     * replicated to every node and new topics by default too, and a write needs a majority of
     * replicas ({@code min.insync.replicas}), so the cluster keeps accepting writes with
     * {@code acks=all} while a minority of brokers is down. Every node's log directory is
     * formatted with the same cluster id.
     */
    public static EmbeddedKafka startClusterNode(
            Path logDir, ClusterNode self, List<ClusterNode> nodes, String clusterId) throws IOException {
        String majority = String.valueOf(nodes.size() / 2 + 1);
        String all = String.valueOf(nodes.size());
        Properties props = new Properties();
        props.put(
                "listeners",
                "PLAINTEXT://127.0.0.1:" + self.port() + ",CONTROLLER://127.0.0.1:" + self.controllerPort());
        props.put("advertised.listeners", "PLAINTEXT://localhost:" + self.port());
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("node.id", String.valueOf(self.id()));
        props.put(
                "controller.quorum.voters",
                String.join(",", nodes.stream().map(ClusterNode::voter).toList()));
        props.put("default.replication.factor", all);
        props.put("min.insync.replicas", majority);
        props.put("offsets.topic.replication.factor", all);
        props.put("offsets.topic.num.partitions", "8");
        props.put("transaction.state.log.replication.factor", all);
        props.put("transaction.state.log.min.isr", majority);
        return start(logDir, self.port(), props, Map.of(), new MetaProperties(clusterId, self.id()));
    }

    /** A node of a KRaft cluster: its id, client port and controller port (all on 127.0.0.1). */
    public record ClusterNode(int id, int port, int controllerPort) {
        String voter() {
            return id + "@127.0.0.1:" + controllerPort;
        }
    }

    private static EmbeddedKafka start(
            Path logDir, int port, int controllerPort, Properties listeners, Map<String, Object> adminProperties)
            throws IOException {
        Properties props = new Properties();
        props.putAll(listeners);
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        return start(
                logDir,
                port,
                props,
                adminProperties,
                new MetaProperties(Uuid.randomUuid().toString(), 1));
    }

    private static EmbeddedKafka start(
            Path logDir, int port, Properties nodeSettings, Map<String, Object> adminProperties, MetaProperties meta)
            throws IOException {
        Files.createDirectories(logDir);
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("controller.listener.names", "CONTROLLER");
        props.put("log.dirs", logDir.toAbsolutePath().toString());
        props.put("num.partitions", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "true");
        props.put("log.retention.hours", "168");
        // Room for the ingestion issue's oversized-record test; records over the job's own limit
        // are dead-lettered there, with their reason.
        props.put("message.max.bytes", String.valueOf(8 * 1024 * 1024));
        props.putAll(nodeSettings);
        KafkaConfig config = KafkaConfig.fromProps(props, false);

        if (!Files.exists(logDir.resolve("meta.properties"))) {
            StorageTool.formatCommand(
                    System.out,
                    CollectionConverters.asScala(List.of(logDir.toAbsolutePath().toString()))
                            .toSeq(),
                    meta,
                    MetadataVersion.latest(),
                    true);
        }
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM, Option.empty());
        server.startup();
        return new EmbeddedKafka(server, port, adminProperties);
    }

    public String bootstrap() {
        return "localhost:" + port;
    }

    public int port() {
        return port;
    }

    /** Creates the topics that do not exist yet (one partition each unless given). */
    public void createTopics(Collection<String> names, int partitions) throws IOException {
        createTopics(bootstrap(), adminProperties, names, partitions, (short) 1);
    }

    /**
     * Creates the topics that do not exist yet on the brokers at {@code bootstrap}, with Vigil's
     * topic settings ({@link io.vigil.common.Topics#CONFIG}).
     */
    public static void createTopics(
            String bootstrap,
            Map<String, Object> adminProperties,
            Collection<String> names,
            int partitions,
            short replicas)
            throws IOException {
        Map<String, Object> config = new HashMap<>(adminProperties);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(config)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (String name : names) {
                if (!existing.contains(name)) {
                    missing.add(new NewTopic(name, partitions, replicas).configs(io.vigil.common.Topics.CONFIG));
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
                awaitLeaders(admin, missing);
            }
        } catch (ExecutionException e) {
            throw new IOException("could not create topics " + names, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while creating topics", e);
        }
    }

    private static final long LEADERS_WITHIN_MILLIS = 30_000;

    /**
     * Returns once every partition of the new topics has a leader that answers. The controller
     * acknowledges a topic before its broker leads the partitions; a producer sending in between
     * is told "not the leader", and an idempotent one then retries its first batch behind the
     * next ones, which the broker refuses as out of order forever: the batch is lost
     * (NewTopicsITCase). A ListOffsets request is answered only by the partition's leader; until
     * then it fails with a retriable error (an unknown partition, not the leader), for at most
     * {@link #LEADERS_WITHIN_MILLIS}.
     */
    private static void awaitLeaders(Admin admin, List<NewTopic> topics)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
        for (NewTopic topic : topics) {
            for (int p = 0; p < topic.numPartitions(); p++) {
                partitions.put(new TopicPartition(topic.name(), p), OffsetSpec.latest());
            }
        }
        long deadline = System.currentTimeMillis() + LEADERS_WITHIN_MILLIS;
        while (true) {
            try {
                admin.listOffsets(partitions).all().get();
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException) || System.currentTimeMillis() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
