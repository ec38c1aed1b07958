package io.vigil.stack;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
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
        conf.addAll(Configuration.fromMap(machineSettings(dataDir, restPort)));
        return conf;
    }

    /**
     * What this machine adds to flink-conf, for the MiniCluster and for the processes of
     * {@code up --cluster} alike: the REST address and port, jar upload, and the directories under
     * the data dir.
     */
    static Map<String, String> machineSettings(Path dataDir, int restPort) {
        Path flinkData = dataDir.resolve("flink").toAbsolutePath();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(RestOptions.ADDRESS.key(), "localhost");
        settings.put(RestOptions.BIND_ADDRESS.key(), "localhost");
        settings.put(RestOptions.PORT.key(), String.valueOf(restPort));
        settings.put(WebOptions.SUBMIT_ENABLE.key(), "true");
        settings.put(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY.key(),
                flinkData.resolve("checkpoints").toUri().toString());
        settings.put(
                CheckpointingOptions.SAVEPOINT_DIRECTORY.key(),
                flinkData.resolve("savepoints").toUri().toString());
        settings.put(
                WebOptions.UPLOAD_DIR.key(), flinkData.resolve("web-upload").toString());
        return settings;
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
