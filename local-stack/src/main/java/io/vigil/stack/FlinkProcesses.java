package io.vigil.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.jobmanager.JobManagerProcessSpec;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;

/**
 * The command lines of a Flink standalone cluster's processes, as flink-dist's
 * {@code jobmanager.sh} / {@code taskmanager.sh} build them: flink-conf/ as the config dir, this
 * machine's settings as {@code -D} dynamic properties, and the JVM's heap, direct and metaspace
 * sizes computed by Flink itself from the memory settings in flink-conf (what the scripts get
 * from BashJavaUtils). flink-dist is not on Maven Central; its entry points are in flink-runtime.
 */
final class FlinkProcesses {
    static final String JOB_MANAGER_MAIN = "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    static final String TASK_MANAGER_MAIN = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";

    private final Path flinkConf;
    private final Map<String, String> settings;

    /** @param clusterDir where checkpoints and uploads go; {@code restPort}, {@code rpcPort} the JobManager's */
    FlinkProcesses(Path flinkConf, Path clusterDir, int restPort, int rpcPort) {
        this.flinkConf = flinkConf.toAbsolutePath();
        Map<String, String> s = new LinkedHashMap<>(FlinkLocalCluster.machineSettings(clusterDir, restPort));
        s.put(JobManagerOptions.ADDRESS.key(), "localhost");
        s.put(JobManagerOptions.PORT.key(), String.valueOf(rpcPort));
        s.put(JobManagerOptions.BIND_HOST.key(), "localhost");
        s.put(TaskManagerOptions.HOST.key(), "localhost");
        s.put(TaskManagerOptions.BIND_HOST.key(), "localhost");
        this.settings = s;
    }

    /** JVM options of the JobManager. */
    List<String> jobManagerJvm() {
        Configuration conf = configuration(Map.of());
        JobManagerProcessSpec spec = JobManagerProcessUtils.processSpecFromConfigWithNewOptionToInterpretLegacyHeap(
                conf, JobManagerOptions.JVM_HEAP_MEMORY);
        List<String> jvm = words(JobManagerProcessUtils.generateJvmParametersStr(spec, conf));
        jvm.addAll(javaOptions(conf));
        return jvm;
    }

    /** Program arguments of the JobManager. */
    List<String> jobManagerArgs() {
        Configuration conf = configuration(Map.of());
        JobManagerProcessSpec spec = JobManagerProcessUtils.processSpecFromConfigWithNewOptionToInterpretLegacyHeap(
                conf, JobManagerOptions.JVM_HEAP_MEMORY);
        List<String> args = arguments(Map.of());
        args.addAll(words(JobManagerProcessUtils.generateDynamicConfigsStr(spec)));
        return args;
    }

    /** JVM options of a TaskManager. */
    List<String> taskManagerJvm(String resourceId) {
        Configuration conf = configuration(taskManager(resourceId));
        TaskExecutorProcessSpec spec = TaskExecutorProcessUtils.processSpecFromConfig(conf);
        List<String> jvm = words(ProcessMemoryUtils.generateJvmParametersStr(spec));
        jvm.addAll(javaOptions(conf));
        return jvm;
    }

    /** Program arguments of a TaskManager; its resource id names it in Flink's UI and REST API. */
    List<String> taskManagerArgs(String resourceId) {
        Configuration conf = configuration(taskManager(resourceId));
        TaskExecutorProcessSpec spec = TaskExecutorProcessUtils.processSpecFromConfig(conf);
        List<String> args = arguments(taskManager(resourceId));
        args.addAll(words(TaskExecutorProcessUtils.generateDynamicConfigsStr(spec)));
        return args;
    }

    private static Map<String, String> taskManager(String resourceId) {
        return Map.of(
                TaskManagerOptions.TASK_MANAGER_RESOURCE_ID.key(),
                resourceId,
                TaskManagerOptions.NUM_TASK_SLOTS.key(),
                String.valueOf(ClusterLayout.SLOTS_PER_TASK_MANAGER));
    }

    private Configuration configuration(Map<String, String> more) {
        Configuration conf = GlobalConfiguration.loadConfiguration(flinkConf.toString());
        conf.addAll(Configuration.fromMap(settings));
        conf.addAll(Configuration.fromMap(more));
        return conf;
    }

    private List<String> arguments(Map<String, String> more) {
        List<String> args = new ArrayList<>(List.of("--configDir", flinkConf.toString()));
        Map<String, String> all = new LinkedHashMap<>(settings);
        all.putAll(more);
        all.forEach((key, value) -> args.add("-D" + key + "=" + value));
        return args;
    }

    /** flink-conf's {@code env.java.default-opts.all}: the Java 17 module flags Flink needs. */
    private static List<String> javaOptions(Configuration conf) {
        return words(conf.get(
                ConfigOptions.key("env.java.default-opts.all").stringType().defaultValue("")));
    }

    private static List<String> words(String text) {
        return new ArrayList<>(Arrays.stream(text.trim().split("\\s+"))
                .filter(w -> !w.isEmpty())
                .toList());
    }
}
