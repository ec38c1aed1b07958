package io.vigil.query.notify;

import java.net.URI;

/**
 * A configured value and where it came from ({@code env:NAME}, {@code secret:KEY}, or the
 * channels file). A secret one is only ever shown {@link #masked()}; there is no toString that
 * would print it.
 */
final class ConfigValue {
    static final String MASK = "****";

    private final String value;
    private final String source;
    private final boolean secret;

    private ConfigValue(String value, String source, boolean secret) {
        this.value = value;
        this.source = source;
        this.secret = secret;
    }

    static ConfigValue secret(String value, String source) {
        return new ConfigValue(value, source, true);
    }

    static ConfigValue plain(String value) {
        return new ConfigValue(value, "file", false);
    }

    String value() {
        return value;
    }

    /** {@code env:NAME}, {@code secret:KEY} or {@code file}: names, never values. */
    String source() {
        return source;
    }

    boolean isSecret() {
        return secret;
    }

    /** The value, or for a secret {@value #MASK}. */
    String masked() {
        return secret ? MASK : value;
    }

    /**
     * A URL shown without what makes it a secret: scheme, host and port only (Slack's and most
     * webhook URLs carry their token in the path; user info and query are dropped as well).
     */
    String maskedUrl() {
        if (!secret) {
            return value;
        }
        try {
            URI uri = new URI(value);
            if (uri.getScheme() != null && uri.getHost() != null) {
                return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "") + "/"
                        + MASK;
            }
        } catch (java.net.URISyntaxException ignored) {
            // fall through: not a URL we can take apart safely
        }
        return MASK;
    }

    @Override
    public String toString() {
        return secret ? source + "=" + MASK : source + "=" + value;
    }
}
