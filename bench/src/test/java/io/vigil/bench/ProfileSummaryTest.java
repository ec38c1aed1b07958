package io.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileSummaryTest {
    @TempDir
    Path dir;

    /** {@code --out} may name a folder that does not exist yet: the profile is written before the results. */
    @Test
    void writesIntoAFolderThatDoesNotExistYet() throws Exception {
        Path recording = dir.resolve("stack.jfr");
        Instant from;
        Instant to;
        try (Recording r = new Recording()) {
            r.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            r.start();
            from = Instant.now();
            long sum = 0;
            while (Duration.between(from, Instant.now()).toMillis() < 300) {
                sum += Long.toString(sum * 31 + 7).hashCode();
            }
            to = Instant.now();
            r.stop();
            r.dump(recording);
            assertThat(sum).isNotZero();
        }
        Path out = dir.resolve("new-folder/latest-profile.txt");

        ProfileSummary.write(recording, out, 5, from, to);

        assertThat(out).exists();
        assertThat(Files.readString(out)).startsWith("# CPU samples of the stack JVM");
    }
}
