package io.vigil.query.notify;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Removes every configured secret from a text before it is logged or stored: HTTP client errors
 * may quote the URL, and a Slack webhook URL is a secret. Longest first, so a URL is replaced
 * whole rather than around a shorter secret inside it.
 */
final class Redactor {
    private final List<String> secrets = new ArrayList<>();

    void add(ConfigValue value) {
        if (value == null || !value.isSecret() || value.value().length() < 4) {
            return;
        }
        secrets.add(value.value());
        try {
            URI uri = new URI(value.value());
            if (uri.getRawPath() != null && uri.getRawPath().length() > 4) {
                secrets.add(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
                secrets.add(uri.getRawPath());
            }
            if (uri.getRawUserInfo() != null) {
                secrets.add(uri.getRawUserInfo());
            }
        } catch (java.net.URISyntaxException ignored) {
            // not a URL: the whole value is enough
        }
        secrets.sort(Comparator.comparingInt(String::length).reversed());
    }

    String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, ConfigValue.MASK);
        }
        return result;
    }
}
