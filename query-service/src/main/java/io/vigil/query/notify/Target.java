package io.vigil.query.notify;

import java.util.Map;

/** Where and how a channel's requests go; every secret is a {@link ConfigValue}. */
sealed interface Target {

    /** Slack incoming webhook: the URL is the secret. */
    record Slack(ConfigValue url) implements Target {}

    /** PagerDuty Events API v2: a public URL, the routing (integration) key is the secret. */
    record PagerDuty(ConfigValue url, ConfigValue routingKey) implements Target {}

    /** A generic webhook: the URL (may carry a token), an optional HMAC key and extra headers. */
    record Webhook(ConfigValue url, ConfigValue hmacSecret, Map<String, ConfigValue> headers) implements Target {}
}
