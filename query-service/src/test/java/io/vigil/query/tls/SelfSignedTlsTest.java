package io.vigil.query.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/** VIGIL_TLS=true without a certificate: a self-signed one in the data dir, HTTPS with HSTS, HTTP only redirects. */
@MicronautTest
class SelfSignedTlsTest extends TlsTestSupport {

    private Path cert() {
        return dataDir.resolve(ServerCertificate.SELF_SIGNED_DIR).resolve(SelfSignedCertificate.CERT_FILE);
    }

    @Test
    void theCertificateIsMadeInTheDataDirWithAPrivateKey() throws Exception {
        Path key = dataDir.resolve(ServerCertificate.SELF_SIGNED_DIR).resolve(SelfSignedCertificate.KEY_FILE);
        assertTrue(Files.exists(cert()));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertTrue(Files.readString(key).startsWith("-----BEGIN PRIVATE KEY-----"));
    }

    @Test
    void httpsAnswersWithHstsAndTheGeneratedCertificateForLocalhost() throws Exception {
        HttpClient client = trusting(cert()); // verifies the chain and that the name localhost is in it
        HttpResponse<String> spec = get(client, "https://localhost:" + httpsPort + "/openapi.yml");
        assertEquals(200, spec.statusCode());
        assertEquals(read(cert()), servedCertificate(spec));
        assertEquals(
                "max-age=31536000",
                spec.headers().firstValue("Strict-Transport-Security").orElse(""));
        HttpResponse<String> denied = get(client, "https://localhost:" + httpsPort + "/logs");
        assertEquals(401, denied.statusCode());
        assertTrue(denied.headers().firstValue("Strict-Transport-Security").isPresent(), "errors too");
    }

    @Test
    void plainHttpOnlyRedirectsToHttps() throws Exception {
        HttpClient plain = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        for (String path : new String[] {"/logs?host=web-01", "/login", "/ui/"}) {
            HttpResponse<String> r = get(plain, "http://localhost:" + httpPort + path);
            assertTrue(
                    r.statusCode() == 301 || r.statusCode() == 307 || r.statusCode() == 308,
                    path + ": " + r.statusCode());
            String location = r.headers().firstValue("Location").orElse("");
            assertTrue(location.startsWith("https://localhost:" + httpsPort + path), path + " → " + location);
            assertFalse(r.headers().firstValue("Strict-Transport-Security").isPresent(), "HSTS only over TLS");
        }
    }
}
