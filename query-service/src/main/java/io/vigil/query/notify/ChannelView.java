package io.vigil.query.notify;

import io.vigil.common.Durations;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A channel as {@code GET /notifications/channels} shows it: everything configured, each secret
 * masked (a URL down to scheme, host and port) with where it comes from ({@code url_from:
 * env:NAME}), never its value.
 */
final class ChannelView {
    private ChannelView() {}

    static Map<String, Object> of(Channel c) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", c.name());
        view.put("type", c.type().value());
        view.put("configured_in", c.origin());
        Map<String, Object> target = new LinkedHashMap<>();
        if (c.target() instanceof Target.Slack slack) {
            url(target, "url", slack.url());
        } else if (c.target() instanceof Target.PagerDuty pd) {
            url(target, "url", pd.url());
            secret(target, "routing_key", pd.routingKey());
        } else if (c.target() instanceof Target.Webhook webhook) {
            url(target, "url", webhook.url());
            if (webhook.hmacSecret() != null) {
                secret(target, "secret", webhook.hmacSecret());
            }
            Map<String, Object> headers = new LinkedHashMap<>();
            webhook.headers().forEach((name, value) -> headers.put(name, value.masked()));
            target.put("headers", headers);
            target.put("signed", webhook.hmacSecret() != null);
        }
        view.put("target", target);
        Map<String, Object> route = new LinkedHashMap<>();
        route.put("min_severity", c.route().minSeverity().name());
        route.put("tags", c.route().tags().globs());
        route.put("hosts", c.route().hosts().globs());
        route.put("host_groups", c.route().hostGroups().globs());
        route.put("rules", c.route().rules().globs());
        view.put("route", route);
        if (c.quietHours() == null) {
            view.put("quiet_hours", null);
        } else {
            Map<String, Object> quiet = new LinkedHashMap<>();
            quiet.put("from", c.quietHours().from().toString());
            quiet.put("to", c.quietHours().to().toString());
            quiet.put("zone", c.quietHours().zone().getId());
            quiet.put("days", c.quietHours().days().stream().map(Enum::name).toList());
            quiet.put(
                    "let_through",
                    c.quietHours().letThrough() == null
                            ? null
                            : c.quietHours().letThrough().name());
            view.put("quiet_hours", quiet);
        }
        view.put(
                "rate_limit",
                Map.of(
                        "messages",
                        c.rateLimit().messages(),
                        "per",
                        Durations.format(c.rateLimit().per())));
        view.put(
                "group",
                c.grouping().groups()
                        ? Map.of(
                                "wait",
                                Durations.format(c.grouping().window()),
                                "max",
                                c.grouping().max())
                        : null);
        view.put("timeout", Durations.format(c.timeout()));
        view.put("protected_values", c.clearValues() ? "clear" : "masked");
        return view;
    }

    private static void url(Map<String, Object> target, String key, ConfigValue value) {
        target.put(key, value.maskedUrl());
        target.put(key + "_from", value.source());
    }

    private static void secret(Map<String, Object> target, String key, ConfigValue value) {
        target.put(key, value.masked());
        target.put(key + "_from", value.source());
    }
}
