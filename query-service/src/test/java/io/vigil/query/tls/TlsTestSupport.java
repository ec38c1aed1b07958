package io.vigil.query.tls;

import io.vigil.common.FreePorts;
import io.vigil.query.ServiceTestSupport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManagerFactory;

/** The server with {@code VIGIL_TLS=true} on free ports, and a client that trusts one certificate file. */
abstract class TlsTestSupport extends ServiceTestSupport {
    protected final int httpPort = FreePorts.next();
    protected final int httpsPort = FreePorts.next();

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> p = new HashMap<>();
        // what VIGIL_TLS=true, VIGIL_HTTP_PORT and VIGIL_HTTPS_PORT set through application.yml
        p.put("micronaut.server.ssl.enabled", "true");
        p.put("micronaut.server.dual-protocol", "true");
        p.put("micronaut.server.port", Integer.toString(httpPort));
        p.put("micronaut.server.ssl.port", Integer.toString(httpsPort));
        p.putAll(tlsProperties());
        return p;
    }

    protected Map<String, String> tlsProperties() {
        return Map.of();
    }

    /** An HTTP client trusting exactly the certificate in this PEM file (hostname checked as usual). */
    protected static HttpClient trusting(Path certificatePem) {
        try (InputStream in = Files.newInputStream(certificatePem)) {
            Certificate cert = CertificateFactory.getInstance("X.509").generateCertificate(in);
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("vigil", cert);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            return HttpClient.newBuilder()
                    .sslContext(ssl)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected static HttpResponse<String> get(HttpClient client, String url) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(20))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    protected static Certificate servedCertificate(HttpResponse<?> response) throws Exception {
        SSLSession session = response.sslSession().orElseThrow();
        return session.getPeerCertificates()[0];
    }

    protected static Certificate read(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
