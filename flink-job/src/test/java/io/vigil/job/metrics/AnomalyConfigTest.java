package io.vigil.job.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.common.YamlBombs;
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

    /**
     * 48 aliases, each doubling the one before: 2^24 leaves for whatever walks it. Under the
     * 50 aliases SnakeYAML allows by default it loaded; Vigil files allow 20.
     */
    @Test
    void anAliasBombIsRefusedWithTheFileAndTheReason(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("anomaly.yml");
        Files.writeString(file, "suppress: 10m\nlaughs:\n" + YamlBombs.aliasBomb("  "));
        assertThatThrownBy(() -> AnomalyConfig.load(file))
                .hasMessageStartingWith(file + ": not valid YAML:")
                .hasMessageContaining("aliases");
    }

    /** Rule files refuse a word that is not a YAML boolean; this file read it as false, turning the forest off. */
    @Test
    void forestEnabledReadsYamlBooleansAndRefusesOtherWords(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("anomaly.yml");
        Files.writeString(file, "forest: {enabled: off}\n");
        assertThat(AnomalyConfig.load(file).forestEnabled).isFalse();
        Files.writeString(file, "forest: {enabled: on}\n");
        assertThat(AnomalyConfig.load(file).forestEnabled).isTrue();
        Files.writeString(file, "forest: {enabled: nope}\n");
        assertThatThrownBy(() -> AnomalyConfig.load(file))
                .hasMessageStartingWith(file + ": ")
                .hasMessageContaining("forest.enabled must be true or false, got 'nope'");
    }
}
