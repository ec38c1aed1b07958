package io.vigil.job;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Makes a JVM trust Elasticsearch's CA ({@code es.ca-file}) in addition to the JDK's own. The
 * Elasticsearch 7 connector (3.0.1, the last one for Flink 1.20 that works) has no way to pass it
 * an SSLContext: its REST client takes {@link SSLContext#getDefault()} when built. So the
 * default context of the JVM that builds the client becomes one whose trust store holds the
 * JDK's CAs plus this one; certificate and host name checks stay on. On a cluster this touches
 * the TaskManager JVMs running the sink (ElasticsearchSink calls it where its writer is made),
 * which is why it happens only when es.ca-file is set.
 */
final class ElasticsearchTrust {
    private static String installed;

    private ElasticsearchTrust() {}

    /** Trusts {@code caPem} JVM-wide from now on; idempotent, and a no-op for null. */
    static synchronized void install(String caPem) {
        if (caPem == null || caPem.equals(installed)) {
            return;
        }
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int n = 0;
            for (X509Certificate jdkCa : jdkTrustManager().getAcceptedIssuers()) {
                trust.setCertificateEntry("jdk-" + n++, jdkCa);
            }
            for (Certificate ca : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII)))) {
                trust.setCertificateEntry("es-ca-" + n++, ca);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            SSLContext.setDefault(context);
            installed = caPem;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("es.ca-file is not a usable PEM CA certificate: " + e.getMessage(), e);
        }
    }

    private static X509TrustManager jdkTrustManager() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("the JDK has no X.509 trust manager");
    }
}
