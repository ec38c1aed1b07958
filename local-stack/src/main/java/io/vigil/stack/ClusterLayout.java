package io.vigil.stack;

import io.vigil.common.FreePorts;
import io.vigil.embedded.EmbeddedElasticsearch;
import io.vigil.embedded.EmbeddedKafka;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;

/**
 * Where the processes of {@code ./vigil up --cluster} listen. Clients find the first broker, the
 * first node, Flink and the API on the ports of {@code ./vigil up} ({@link #stack}); the other
 * brokers and nodes take the next ports. The brokers' and nodes' data live under
 * {@code $VIGIL_DATA/cluster}, apart from the single-JVM stack's (a one-broker log directory
 * cannot join a three-broker cluster).
 *
 * @param stack          ports and paths shared with {@code ./vigil up}
 * @param kafka          the KRaft brokers, each broker and controller
 * @param elasticsearch  the nodes; the first is the only master-eligible one
 * @param flinkRpcPort   the JobManager's RPC port
 */
public record ClusterLayout(
        StackSettings stack,
        List<EmbeddedKafka.ClusterNode> kafka,
        List<EmbeddedElasticsearch.ClusterNode> elasticsearch,
        int flinkRpcPort) {
    /** Kafka brokers: three, so one may fail while writes still reach a majority of replicas. */
    public static final int BROKERS = 3;
    /** Elasticsearch nodes: two, so every shard has a replica on another node. */
    public static final int ES_NODES = 2;
    /** TaskManagers, each a JVM of its own. */
    public static final int TASK_MANAGERS = 2;
    /**
     * Slots per TaskManager: as many as the job's parallelism, so one TaskManager can run the
     * whole job while the other is down (flink-conf's 2 suit docker-compose's single TaskManager).
     */
    public static final int SLOTS_PER_TASK_MANAGER = 4;
    /** The job's parallelism on the cluster. */
    public static final int PARALLELISM = 4;
    /** Partitions per topic: twice the parallelism, so a rescale up to 8 still spreads them. */
    public static final int PARTITIONS = 8;

    /** The CONTRACT.md ports: Kafka 9092-9097 (client, controller), Elasticsearch 9200/9300 on. */
    public static ClusterLayout defaults(Path home, Path dataDir) {
        StackSettings stack = StackSettings.defaults(home, dataDir);
        int[] next = {0};
        return layout(stack, () -> stack.kafkaPort() + next[0]++, 9300, 6123);
    }

    /** Free ports and the given data dir (tests). */
    public static ClusterLayout onFreePorts(Path home, Path dataDir, Map<String, String> queryEnv) {
        StackSettings stack = StackSettings.onFreePorts(home, dataDir, queryEnv);
        List<Integer> kafkaPorts = new ArrayList<>(List.of(stack.kafkaPort(), stack.kafkaControllerPort()));
        while (kafkaPorts.size() < 2 * BROKERS) {
            kafkaPorts.add(FreePorts.next());
        }
        int[] next = {0};
        return layout(stack, () -> kafkaPorts.get(next[0]++), -1, FreePorts.next());
    }

    /** Kafka's ports in pairs (client, controller) from {@code kafkaPorts}; transport ports from a base or free. */
    private static ClusterLayout layout(StackSettings stack, IntSupplier kafkaPorts, int transportBase, int rpcPort) {
        List<EmbeddedKafka.ClusterNode> kafka = new ArrayList<>();
        for (int id = 1; id <= BROKERS; id++) {
            kafka.add(new EmbeddedKafka.ClusterNode(id, kafkaPorts.getAsInt(), kafkaPorts.getAsInt()));
        }
        List<Integer> transport = new ArrayList<>();
        for (int n = 0; n < ES_NODES; n++) {
            transport.add(transportBase < 0 ? FreePorts.next() : transportBase + n);
        }
        List<String> seeds = transport.stream().map(port -> "127.0.0.1:" + port).toList();
        List<EmbeddedElasticsearch.ClusterNode> nodes = new ArrayList<>();
        for (int n = 0; n < ES_NODES; n++) {
            int http = n == 0
                    ? stack.elasticsearchPort()
                    : (transportBase < 0 ? FreePorts.next() : stack.elasticsearchPort() + n);
            nodes.add(new EmbeddedElasticsearch.ClusterNode(
                    "es-" + (n + 1), http, transport.get(n), seeds, "es-1", n == 0));
        }
        return new ClusterLayout(stack, List.copyOf(kafka), List.copyOf(nodes), rpcPort);
    }

    /** Every broker, as Kafka clients take them. */
    public String kafkaBootstrap() {
        return kafka.stream().map(n -> "localhost:" + n.port()).collect(Collectors.joining(","));
    }

    /** Every node's HTTP address, comma separated (the job's es.hosts, the query service's VIGIL_ES_URL). */
    public String elasticsearchUrls() {
        return elasticsearch.stream()
                .map(n -> "http://localhost:" + n.httpPort())
                .collect(Collectors.joining(","));
    }

    /** The brokers', nodes' and Flink's data. */
    public Path clusterDir() {
        return stack.dataDir().resolve("cluster");
    }
}
