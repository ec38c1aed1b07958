package io.vigil.query.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** VIGIL_TLS_CERT / VIGIL_TLS_KEY: the server presents the configured PEM certificate and makes none. */
@MicronautTest
class ConfiguredCertificateTlsTest extends TlsTestSupport {
    private final List<Path> pem = makePem();

    private static List<Path> makePem() {
        try {
            return SelfSignedCertificate.ensure(Files.createTempDirectory("vigil-pem-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected Map<String, String> tlsProperties() {
        return Map.of(
                "vigil.tls.cert",
                pem.get(0).toString(),
                "vigil.tls.key",
                pem.get(1).toString());
    }

    @Test
    void theConfiguredCertificateIsServed() throws Exception {
        HttpResponse<String> r = get(trusting(pem.get(0)), "https://localhost:" + httpsPort + "/openapi.yml");
        assertEquals(200, r.statusCode());
        assertEquals(read(pem.get(0)), servedCertificate(r));
        assertFalse(Files.exists(dataDir.resolve(ServerCertificate.SELF_SIGNED_DIR)), "nothing generated");
    }
}
