package io.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;

class JitWorkTest {
    /** Work the JIT compiles: a fresh lambda shape per round, so there is always something new. */
    private static long work(int rounds) {
        long sum = 0;
        for (int r = 0; r < rounds; r++) {
            int k = r;
            java.util.function.LongUnaryOperator f = x -> x * 31 + k;
            for (int i = 0; i < 20_000; i++) {
                sum = f.applyAsLong(sum) ^ Long.rotateLeft(sum, i & 63);
            }
            sum += String.valueOf(sum).hashCode() + Map.of("k" + r, r).size();
        }
        return sum;
    }

    @Test
    void countsTheCompilationsOfAWindowAndNoneOutsideIt() throws Exception {
        Path file = Files.createTempFile("jit", ".jfr");
        try (Recording recording = new Recording()) {
            recording.enable("jdk.CompilerStatistics").withPeriod(Duration.ofMillis(100));
            recording.enable("jdk.Compilation").withThreshold(Duration.ZERO);
            recording.enable("jdk.Deoptimization");
            recording.start();
            Thread.sleep(300); // a statistics reading before the window
            Instant from = Instant.now();
            long sum = work(2_000);
            Instant to = Instant.now();
            Thread.sleep(300); // and one after it
            recording.stop();
            recording.dump(file);
            assertThat(sum).isNotZero();

            Map<String, Object> jit = JitWork.between(file, from, to);
            assertThat((Integer) jit.get("compilations")).isPositive();
            assertThat((Integer) jit.get("long_compilations")).isPositive();
            assertThat((Double) jit.get("compile_seconds")).isPositive();
            assertThat(jit.get("readings").toString()).contains(" to ");

            // A window before the recording began holds no compilation and no statistics pair.
            Map<String, Object> empty = JitWork.between(file, from.minusSeconds(3600), from.minusSeconds(3000));
            assertThat(empty).doesNotContainKey("compilations").containsEntry("long_compilations", 0);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void packagesAreTheFirstThreePartsOfAClassName() {
        assertThat(JitWork.pkg("org.apache.lucene.codecs.lucene80.Lucene80DocValuesConsumer"))
                .isEqualTo("org.apache.lucene");
        assertThat(JitWork.pkg("io.vigil.job.ElasticsearchBulk$Sender")).isEqualTo("io.vigil.job");
        assertThat(JitWork.pkg("java.util.HashMap")).isEqualTo("java.util");
        assertThat(JitWork.pkg("Main")).isEqualTo("Main");
    }
}
