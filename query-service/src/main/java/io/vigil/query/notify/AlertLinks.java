package io.vigil.query.notify;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The dashboard's page of an alert: {@code VIGIL_PUBLIC_URL/ui/alerts/ID}. */
final class AlertLinks {
    private final String publicUrl;

    AlertLinks(String publicUrl) {
        this.publicUrl = publicUrl;
    }

    String of(String alertId) {
        return publicUrl + "/ui/alerts/"
                + URLEncoder.encode(alertId, StandardCharsets.UTF_8).replace("+", "%20");
    }

    String home() {
        return publicUrl + "/ui/alerts";
    }
}
