package io.vigil.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A cluster member must not outlive the launcher that started it. */
class ParentWatchTest {

    /** What runs under the watch in the child: it would sleep for a minute. */
    public static final class Sleeper {
        public static void main(String[] args) throws InterruptedException {
            Thread.sleep(60_000);
        }
    }

    @Test
    void theChildRunsItsMainAndExitsOnceItsParentClosesItsStandardInput() throws Exception {
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        ParentWatch.class.getName(),
                        Sleeper.class.getName())
                .redirectErrorStream(true)
                .start();
        try {
            assertThat(child.waitFor(2, TimeUnit.SECONDS))
                    .as("alive while its parent holds stdin open")
                    .isFalse();
            child.getOutputStream().close(); // what the parent's death does to the pipe
            assertThat(child.waitFor(20, TimeUnit.SECONDS))
                    .as("gone after its stdin closed")
                    .isTrue();
            assertThat(child.exitValue()).isZero();
        } finally {
            child.destroyForcibly();
        }
    }
}
