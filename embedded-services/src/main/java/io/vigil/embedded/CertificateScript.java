package io.vigil.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs the repository's {@code scripts/certs.sh}, the one place certificates are made (for
 * docker-compose, {@code ./vigil up --secure} and the tests alike). It keeps what exists, so
 * calling it on every start is cheap and never changes a CA that clients already trust.
 */
public final class CertificateScript {
    private CertificateScript() {}

    /** Makes sure {@code outDir} holds the CA, server certificate and stores; returns it. */
    public static Path ensure(Path repositoryHome, Path outDir) throws IOException {
        Path script = repositoryHome.resolve("scripts/certs.sh");
        if (!Files.isRegularFile(script)) {
            throw new IOException("missing " + script);
        }
        Process process = new ProcessBuilder(
                        "bash", script.toString(), outDir.toAbsolutePath().toString())
                .redirectErrorStream(true)
                .start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("scripts/certs.sh failed: " + output.trim());
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while scripts/certs.sh ran", e);
        }
        return outDir;
    }
}
