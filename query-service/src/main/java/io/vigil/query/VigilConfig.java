package io.vigil.query;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.vigil.common.Indices;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The service's own settings (prefix {@code vigil}, see application.yml for the environment
 * variables behind them). Secrets are held here but never printed: there is no toString.
 */
@ConfigurationProperties("vigil")
public class VigilConfig {
    private String esUrl = "http://localhost:9200";
    private String indexPrefix = Indices.DEFAULT_PREFIX;
    private String data = "./.vigil-data";
    private String adminPassword;
    private String jwtSecret;
    private String publicUrl = "http://localhost:8080";

    /** Elasticsearch base URLs, from the comma-separated {@code VIGIL_ES_URL}. */
    public List<String> esUrls() {
        return Arrays.stream(esUrl.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    public Indices indices() {
        return new Indices(indexPrefix);
    }

    public Path dataDir() {
        return Path.of(data).toAbsolutePath().normalize();
    }

    /** {@code VIGIL_ADMIN_PASSWORD}, or null when unset or empty. */
    public String adminPasswordOrNull() {
        return adminPassword == null || adminPassword.isEmpty() ? null : adminPassword;
    }

    /** {@code VIGIL_JWT_SECRET}, or null when unset or empty. */
    public String jwtSecretOrNull() {
        return jwtSecret == null || jwtSecret.isEmpty() ? null : jwtSecret;
    }

    /** Where users reach the dashboard ({@code VIGIL_PUBLIC_URL}): links in notifications. No trailing slash. */
    public String publicUrl() {
        String url = publicUrl == null || publicUrl.isBlank() ? "http://localhost:8080" : publicUrl.trim();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public void setPublicUrl(String publicUrl) {
        if (publicUrl != null && !publicUrl.isBlank()) {
            requireHttpUrl("VIGIL_PUBLIC_URL", publicUrl.trim(), "http(s)://host[:port][/path]");
        }
        this.publicUrl = publicUrl;
    }

    public String getEsUrl() {
        return esUrl;
    }

    /** Checked when the configuration is bound (at start), not at the first search. */
    public void setEsUrl(String esUrl) {
        for (String url : esUrl.split(",")) {
            if (!url.isBlank()) {
                requireHttpUrl("VIGIL_ES_URL", url.trim(), "http(s)://host[:port]");
            }
        }
        this.esUrl = esUrl;
    }

    /** @throws ConfigurationException naming the setting and the expected {@code form} unless {@code url} is http(s) with a host */
    private static void requireHttpUrl(String setting, String url, String form) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new ConfigurationException(setting + ": not a URL: " + url);
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new ConfigurationException(setting + ": expected " + form + ", got " + url);
        }
    }

    public String getIndexPrefix() {
        return indexPrefix;
    }

    public void setIndexPrefix(String indexPrefix) {
        try {
            new Indices(indexPrefix); // the rules for a prefix live there
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("VIGIL_INDEX_PREFIX: " + e.getMessage());
        }
        this.indexPrefix = indexPrefix;
    }

    public String getData() {
        return data;
    }

    public void setData(String data) {
        this.data = data;
    }

    public void setAdminPassword(String adminPassword) {
        this.adminPassword = adminPassword;
    }

    public void setJwtSecret(String jwtSecret) {
        this.jwtSecret = jwtSecret;
    }
}
