package io.vigil.query.tls;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.http.ssl.ServerSslConfiguration;
import io.vigil.query.VigilConfig;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Gives Micronaut's HTTPS listener its certificate when {@code VIGIL_TLS=true}: the configured PEM
 * files, or the self-signed one of the data directory (made on first use). Runs as the SSL
 * configuration is created, before the server builds its SSL context, so the files exist in time
 * in the application and in tests alike. A key store configured directly in Micronaut's own
 * {@code micronaut.server.ssl.key-store.*} is left alone.
 */
@Singleton
public class ServerCertificate implements BeanCreatedEventListener<ServerSslConfiguration> {
    public static final String SELF_SIGNED_DIR = "tls";

    private final TlsConfig tls;
    private final VigilConfig config;

    public ServerCertificate(TlsConfig tls, VigilConfig config) {
        this.tls = tls;
        this.config = config;
    }

    @Override
    public ServerSslConfiguration onCreated(BeanCreatedEvent<ServerSslConfiguration> event) {
        ServerSslConfiguration ssl = event.getBean();
        if (!ssl.isEnabled()
                || ssl.getKeyStore().getPath().isPresent()
                || ssl.getKeyStore().getKeyPath() != null) {
            return ssl;
        }
        Path cert;
        Path key;
        if (tls.certOrNull() != null || tls.keyOrNull() != null) {
            if (tls.certOrNull() == null || tls.keyOrNull() == null) {
                throw new ConfigurationException("VIGIL_TLS_CERT and VIGIL_TLS_KEY go together: set both or neither");
            }
            cert = readable(tls.certOrNull(), "VIGIL_TLS_CERT");
            key = readable(tls.keyOrNull(), "VIGIL_TLS_KEY");
        } else {
            List<Path> generated = SelfSignedCertificate.ensure(config.dataDir().resolve(SELF_SIGNED_DIR));
            cert = generated.get(0);
            key = generated.get(1);
        }
        ssl.getKeyStore().setCertificatePath("file:" + cert.toAbsolutePath());
        ssl.getKeyStore().setKeyPath("file:" + key.toAbsolutePath());
        return ssl;
    }

    private static Path readable(String file, String variable) {
        Path path = Path.of(file);
        if (!Files.isReadable(path)) {
            throw new ConfigurationException(variable + ": cannot read " + path);
        }
        return path;
    }
}
