package io.vigil.stack;

import java.nio.file.Path;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;

/**
 * A Flink MiniCluster configured from the repository's {@code flink-conf/} (the same file the
 * docker-compose cluster mounts), serving Flink's real REST API and web UI. Only what depends
 * on this machine is set here: addresses and the directories under the data dir.
 */
public final class FlinkLocalCluster implements AutoCloseable {
    private final MiniCluster cluster;

    private FlinkLocalCluster(MiniCluster cluster) {
        this.cluster = cluster;
    }

    public static FlinkLocalCluster start(Path flinkConf, Path dataDir, int restPort) throws Exception {
        Configuration conf = configuration(flinkConf, dataDir, restPort);
        MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(conf)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(conf.get(TaskManagerOptions.NUM_TASK_SLOTS))
                .build());
        cluster.start();
        return new FlinkLocalCluster(cluster);
    }

    /**
     * flink-conf/ with this machine's parts: Flink's REST API (unauthenticated) bound to localhost
     * only, and with jar upload on, because the launcher submits the job jar through
     * {@code POST /jars/upload} + {@code /run} exactly as to a real cluster (and a redeploy does the
     * same); flink-conf turns upload off for clusters.
     */
    static Configuration configuration(Path flinkConf, Path dataDir, int restPort) {
        Configuration conf =
                GlobalConfiguration.loadConfiguration(flinkConf.toAbsolutePath().toString());
        conf.set(RestOptions.ADDRESS, "localhost");
        conf.set(RestOptions.BIND_ADDRESS, "localhost");
        conf.set(RestOptions.PORT, restPort);
        conf.set(WebOptions.SUBMIT_ENABLE, true);
        Path flinkData = dataDir.resolve("flink").toAbsolutePath();
        conf.set(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                flinkData.resolve("checkpoints").toUri().toString());
        conf.set(
                CheckpointingOptions.SAVEPOINT_DIRECTORY,
                flinkData.resolve("savepoints").toUri().toString());
        conf.set(WebOptions.UPLOAD_DIR, flinkData.resolve("web-upload").toString());
        return conf;
    }

    /** Newest retained checkpoint of any earlier run, to resume from; null on a first start. */
    public static Path latestCheckpoint(Path dataDir) throws java.io.IOException {
        Path root = dataDir.resolve("flink/checkpoints");
        if (!java.nio.file.Files.isDirectory(root)) {
            return null;
        }
        try (var paths = java.nio.file.Files.find(
                root, 3, (p, attrs) -> p.getFileName().toString().equals("_metadata"))) {
            return paths.max(java.util.Comparator.comparingLong(p -> p.toFile().lastModified()))
                    .map(Path::getParent)
                    .orElse(null);
        }
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
