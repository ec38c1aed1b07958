package io.vigil.job;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/**
 * The Flink MiniCluster of an ITCase: one TaskManager with two slots, flink-conf's shape (its
 * parallelism 2 is one job's worth of slots), with whatever the class adds to the configuration.
 */
final class FlinkClusters {
    private FlinkClusters() {}

    static MiniClusterExtension twoSlots() {
        return twoSlots(new Configuration());
    }

    static MiniClusterExtension twoSlots(Configuration configuration) {
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setConfiguration(configuration)
                .setNumberTaskManagers(1)
                .setNumberSlotsPerTaskManager(2)
                .build());
    }
}
