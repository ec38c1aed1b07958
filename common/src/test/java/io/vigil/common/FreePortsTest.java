package io.vigil.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A port handed out is bound by a child process seconds later. In the kernel's ephemeral range
 * an outgoing connection of anything on the machine could take it first (a CI run failed with a
 * Kafka node's "Address already in use"), and the kernel hands the same ephemeral port out again
 * once it is closed, so two nodes of one cluster could be given one port.
 */
class FreePortsTest {
    @Test
    void portsAreNeverHandedOutTwiceAndNeverFromTheEphemeralRange() {
        int[] ephemeral = FreePorts.ephemeralRange();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            int port = FreePorts.next();
            assertThat(seen.add(port)).as("port %d handed out twice", port).isTrue();
            assertThat(port < ephemeral[0] || port > ephemeral[1])
                    .as("port %d outside the ephemeral range %d-%d", port, ephemeral[0], ephemeral[1])
                    .isTrue();
            assertThat(FreePorts.isFree(port)).isTrue();
        }
    }
}
