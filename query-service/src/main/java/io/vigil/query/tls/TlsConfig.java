package io.vigil.query.tls;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * Where the HTTPS certificate comes from ({@code vigil.tls.*}): PEM files named by
 * {@code VIGIL_TLS_CERT} (the chain) and {@code VIGIL_TLS_KEY} (an unencrypted PKCS#8 or PKCS#1 key),
 * or, when neither is set, a self-signed certificate for localhost generated once into
 * {@code $VIGIL_DATA/tls/}. HTTPS itself is switched on by {@code VIGIL_TLS=true} (application.yml).
 *
 * @param hstsMaxAge Strict-Transport-Security max-age, seconds
 */
@ConfigurationProperties("vigil.tls")
public record TlsConfig(@Nullable String cert, @Nullable String key, long hstsMaxAge) {

    public String certOrNull() {
        return cert == null || cert.isBlank() ? null : cert;
    }

    public String keyOrNull() {
        return key == null || key.isBlank() ? null : key;
    }
}
