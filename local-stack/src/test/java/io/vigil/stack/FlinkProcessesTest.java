package io.vigil.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlinkProcessesTest {
    private static final Path HOME =
            Path.of(System.getProperty("vigil.home", "..")).toAbsolutePath().normalize();

    @Test
    void theTaskManagersJvmIsSizedByFlinkFromFlinkConfsMemoryAndCarriesItsJava17Flags(@TempDir Path data) {
        FlinkProcesses flink = new FlinkProcesses(HOME.resolve("flink-conf"), data, 18081, 16123);
        List<String> jvm = flink.taskManagerJvm("tm-1");
        // flink-conf's taskmanager.memory.process.size 2048m leaves well under 2 GiB of heap
        assertThat(jvm).anySatisfy(o -> assertThat(o).matches("-Xmx[0-9]+"));
        assertThat(jvm).anySatisfy(o -> assertThat(o).startsWith("-XX:MaxDirectMemorySize="));
        assertThat(jvm).contains("--add-opens=java.base/java.util=ALL-UNNAMED");
    }

    @Test
    void everyMemberReadsFlinkConfAndReachesTheJobManagerOnLocalhost(@TempDir Path data) {
        FlinkProcesses flink = new FlinkProcesses(HOME.resolve("flink-conf"), data, 18081, 16123);
        List<String> tm = flink.taskManagerArgs("tm-1");
        assertThat(tm.subList(0, 2))
                .containsExactly("--configDir", HOME.resolve("flink-conf").toString());
        assertThat(tm)
                .contains(
                        "-Djobmanager.rpc.address=localhost",
                        "-Djobmanager.rpc.port=16123",
                        "-Dtaskmanager.resource-id=tm-1",
                        "-Dtaskmanager.numberOfTaskSlots=" + ClusterLayout.SLOTS_PER_TASK_MANAGER);
        assertThat(flink.jobManagerArgs()).contains("-Drest.port=18081", "-Drest.bind-address=localhost");
    }
}
