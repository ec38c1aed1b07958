package io.vigil.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.WebOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlinkLocalClusterTest {
    private static final Path HOME =
            Path.of(System.getProperty("vigil.home", "..")).toAbsolutePath().normalize();

    @Test
    void theLocalStacksRestApiListensOnLocalhostOnlyAndTakesTheJobJar(@TempDir Path data) {
        Configuration conf = FlinkLocalCluster.configuration(HOME.resolve("flink-conf"), data, 18081);
        assertThat(conf.get(RestOptions.BIND_ADDRESS)).isEqualTo("localhost");
        assertThat(conf.get(RestOptions.ADDRESS)).isEqualTo("localhost");
        assertThat(conf.get(WebOptions.SUBMIT_ENABLE))
                .as("the launcher uploads the jar over REST")
                .isTrue();
    }
}
