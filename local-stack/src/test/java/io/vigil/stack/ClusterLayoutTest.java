package io.vigil.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.embedded.EmbeddedElasticsearch;
import io.vigil.embedded.EmbeddedKafka;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CONTRACT.md: `up --cluster` serves clients on the ports of `up`. */
class ClusterLayoutTest {
    private final ClusterLayout layout = ClusterLayout.defaults(Path.of("."), Path.of("data"));

    @Test
    void clientsFindTheFirstBrokerNodeFlinkAndTheApiWhereUpPutsThem() {
        assertThat(layout.kafka().get(0).port()).isEqualTo(9092);
        assertThat(layout.elasticsearch().get(0).httpPort()).isEqualTo(9200);
        assertThat(layout.stack().flinkPort()).isEqualTo(8081);
        assertThat(layout.stack().httpPort()).isEqualTo(8080);
        assertThat(layout.kafkaBootstrap()).isEqualTo("localhost:9092,localhost:9094,localhost:9096");
        assertThat(layout.elasticsearchUrls()).isEqualTo("http://localhost:9200,http://localhost:9201");
    }

    @Test
    void noTwoMembersShareAPort() {
        for (ClusterLayout l : List.of(layout, ClusterLayout.onFreePorts(Path.of("."), Path.of("data"), Map.of()))) {
            List<Integer> ports = new ArrayList<>();
            for (EmbeddedKafka.ClusterNode n : l.kafka()) {
                ports.addAll(List.of(n.port(), n.controllerPort()));
            }
            for (EmbeddedElasticsearch.ClusterNode n : l.elasticsearch()) {
                ports.addAll(List.of(n.httpPort(), n.transportPort()));
            }
            ports.addAll(
                    List.of(l.stack().flinkPort(), l.flinkRpcPort(), l.stack().httpPort()));
            assertThat(ports).doesNotHaveDuplicates().hasSize(2 * 3 + 2 * 2 + 3);
        }
    }

    @Test
    void onlyTheFirstElasticsearchNodeIsMasterEligibleAndEveryNodeSeedsFromAll() {
        assertThat(layout.elasticsearch())
                .extracting(EmbeddedElasticsearch.ClusterNode::masterEligible)
                .containsExactly(true, false);
        assertThat(layout.elasticsearch())
                .allSatisfy(n -> assertThat(n.seedHosts()).containsExactly("127.0.0.1:9300", "127.0.0.1:9301"))
                .allSatisfy(n -> assertThat(n.initialMaster()).isEqualTo("es-1"));
    }
}
