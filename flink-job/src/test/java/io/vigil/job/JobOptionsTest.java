package io.vigil.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobOptionsTest {
    @Test
    void durationsAreReadInTheRulesGrammar() {
        JobOptions options =
                JobOptions.of(Map.of(JobOptions.CHECKPOINT_INTERVAL, "2m", JobOptions.REORDER_WINDOW, "10 minutes"));
        assertThat(options.checkpointInterval()).isEqualTo(Duration.ofMinutes(2));
        assertThat(options.detectionSettings().reorderWindow()).isEqualTo(Duration.ofMinutes(10));
        assertThat(JobOptions.of(Map.of()).checkpointInterval()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void aBareNumberIsRefusedNamingTheOption() {
        // Flink's parser read this as 60 seconds' worth of milliseconds; a rule file would not.
        assertThatThrownBy(() -> JobOptions.of(Map.of(JobOptions.CHECKPOINT_INTERVAL, "60000"))
                        .checkpointInterval())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--checkpoint.interval: '60000' is not a duration");
    }
}
