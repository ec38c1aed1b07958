package io.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BenchCommandTest {
    @Test
    void theProfileAndTheTableGoBesideTheResultsAndNeverOverTheirJson() {
        Path json = Path.of("/tmp/results/latest.json");
        assertThat(BenchCommand.beside(json, ".md")).isEqualTo(Path.of("/tmp/results/latest.md"));
        assertThat(BenchCommand.beside(json, "-profile.txt")).isEqualTo(Path.of("/tmp/results/latest-profile.txt"));

        Path noEnding = Path.of("/tmp/run");
        assertThat(BenchCommand.beside(noEnding, "-profile.txt"))
                .isEqualTo(Path.of("/tmp/run-profile.txt"))
                .isNotEqualTo(noEnding);
    }
}
