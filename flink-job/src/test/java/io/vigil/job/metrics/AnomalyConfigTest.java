package io.vigil.job.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnomalyConfigTest {
    @Test
    void theShippedFileLoadsWithItsGroupOverride() throws Exception {
        AnomalyConfig config = AnomalyConfig.load(Path.of("..", "rules", "anomaly.yml"));
        assertThat(config.threshold("memory", "data")).isEqualTo(95.0);
        assertThat(config.threshold("memory", "web")).isEqualTo(90.0);
        assertThat(config.threshold("net_out", null)).isEqualTo(100e6);
        assertThat(config.suppressMillis).isEqualTo(600_000);
    }

    @Test
    void unknownMetricsAreReportedWithTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("anomaly.yml");
        Files.writeString(file, "thresholds:\n  default: {disk: 80}\n");
        assertThatThrownBy(() -> AnomalyConfig.load(file))
                .hasMessageContaining("anomaly.yml")
                .hasMessageContaining("unknown metric 'disk'");
    }
}
