package io.vigil.embedded;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code java io.vigil.embedded.KafkaNodeMain LOG_DIR CLUSTER_ID SELF_ID NODES}: one broker of a
 * KRaft cluster in a JVM of its own ({@code ./vigil up --cluster}). NODES lists every node as
 * {@code id:port:controllerPort}, comma separated. Prints {@value #READY_PREFIX}BOOTSTRAP once
 * started; stops when its standard input closes or on SIGTERM.
 */
public final class KafkaNodeMain {
    public static final String READY_PREFIX = "KAFKA READY ";

    private KafkaNodeMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: KafkaNodeMain LOG_DIR CLUSTER_ID SELF_ID id:port:controllerPort,...");
            System.exit(2);
        }
        int selfId = Integer.parseInt(args[2]);
        List<EmbeddedKafka.ClusterNode> nodes = new ArrayList<>();
        for (String node : args[3].split(",")) {
            String[] parts = node.split(":");
            nodes.add(new EmbeddedKafka.ClusterNode(
                    Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2])));
        }
        EmbeddedKafka.ClusterNode self = nodes.stream()
                .filter(n -> n.id() == selfId)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("node " + selfId + " is not in " + args[3]));
        EmbeddedKafka kafka = EmbeddedKafka.startClusterNode(Path.of(args[0]), self, nodes, args[1]);
        ParentWatch.serve(READY_PREFIX + kafka.bootstrap(), kafka::close);
    }
}
