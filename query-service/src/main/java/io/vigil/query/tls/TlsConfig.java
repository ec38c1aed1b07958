package io.vigil.query.tls;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * Where the HTTPS certificate comes from ({@code vigil.tls.*}): PEM files named by
 * {@code VIGIL_TLS_CERT} (the chain) and {@code VIGIL_TLS_KEY} (an unencrypted PKCS#8 or PKCS#1 key),
 * or, when neither is set, a self-signed certificate for localhost generated once into
 * {@code $VIGIL_DATA/tls/}. HTTPS itself is switched on by {@code VIGIL_TLS=true} (application.yml).
 */
@ConfigurationProperties("vigil.tls")
public class TlsConfig {
    private String cert;
    private String key;
    /** Strict-Transport-Security max-age, seconds (one year). */
    private long hstsMaxAge = 31_536_000;

    public String certOrNull() {
        return cert == null || cert.isBlank() ? null : cert;
    }

    public String keyOrNull() {
        return key == null || key.isBlank() ? null : key;
    }

    public void setCert(String cert) {
        this.cert = cert;
    }

    public void setKey(String key) {
        this.key = key;
    }

    public long getHstsMaxAge() {
        return hstsMaxAge;
    }

    public void setHstsMaxAge(long hstsMaxAge) {
        this.hstsMaxAge = hstsMaxAge;
    }
}
