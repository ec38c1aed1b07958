package io.vigil.query.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The generic webhook's body: the alert's fields exactly as {@code GET /alerts/{id}} shows them
 * (CONTRACT.md), and its signature {@code sha256=HEX}, the HMAC-SHA256 of the body's bytes under
 * the channel's secret, in {@value #SIGNATURE_HEADER}.
 */
final class WebhookPayload {
    static final String SIGNATURE_HEADER = "X-Vigil-Signature-256";
    static final String DELIVERY_HEADER = "X-Vigil-Delivery";
    static final String EVENT_HEADER = "X-Vigil-Event";

    private WebhookPayload() {}

    static ObjectNode body(AlertView a, ObjectMapper mapper) {
        ObjectNode body = mapper.createObjectNode();
        body.put("id", a.id());
        a.source().fields().forEachRemaining(f -> {
            if (!f.getKey().equals("id")) {
                body.set(f.getKey(), f.getValue());
            }
        });
        return body;
    }

    static String signature(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
