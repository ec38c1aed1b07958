package io.vigil.query.es;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.elasticsearch.client.RestClientBuilder;

/**
 * How the service reaches a secured Elasticsearch: basic auth as {@code VIGIL_ES_USERNAME} /
 * {@code VIGIL_ES_PASSWORD}, and HTTPS verified against the PEM CA in {@code VIGIL_ES_CA} (host
 * names are checked as always). Unset, the client keeps the JDK's trust and sends no credentials,
 * as against the local stack's loopback-only node.
 */
@Singleton
class ElasticsearchAccess {
    private final String username;
    private final String password;
    private final SSLContext trust;

    ElasticsearchAccess(
            @Value("${vigil.es-username:}") String username,
            @Value("${vigil.es-password:}") String password,
            @Value("${vigil.es-ca:}") String caFile) {
        this.username = blankToNull(username);
        this.password = blankToNull(password);
        if ((this.username == null) != (this.password == null)) {
            throw new ConfigurationException("VIGIL_ES_USERNAME and VIGIL_ES_PASSWORD: set both or neither");
        }
        this.trust = blankToNull(caFile) == null ? null : trusting(Path.of(caFile.trim()));
    }

    /** Adds the credentials and the CA, when configured, to the client being built. */
    RestClientBuilder apply(RestClientBuilder builder) {
        if (username == null && trust == null) {
            return builder;
        }
        return builder.setHttpClientConfigCallback(http -> {
            if (username != null) {
                BasicCredentialsProvider credentials = new BasicCredentialsProvider();
                credentials.setCredentials(AuthScope.ANY, new UsernamePasswordCredentials(username, password));
                http.setDefaultCredentialsProvider(credentials);
            }
            if (trust != null) {
                http.setSSLContext(trust);
            }
            return http;
        });
    }

    /** An SSLContext that trusts exactly the CA certificates of {@code pemFile}. */
    static SSLContext trusting(Path pemFile) {
        try (InputStream in = Files.newInputStream(pemFile)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (Certificate ca : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + n++, ca);
            }
            if (n == 0) {
                throw new ConfigurationException("VIGIL_ES_CA: no certificate in " + pemFile);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigurationException(
                    "VIGIL_ES_CA: cannot read a PEM CA certificate from " + pemFile + ": " + e.getMessage());
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
