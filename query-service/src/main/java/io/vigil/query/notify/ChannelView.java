package io.vigil.query.notify;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.vigil.common.Durations;
import io.vigil.common.Severity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A channel as {@code GET /notifications/channels} shows it: everything configured, each secret
 * masked (a URL down to scheme, host and port) with where it comes from ({@code url_from:
 * env:NAME}), never its value. Every field is shown, null and empty ones included
 * ({@code "quiet_hours":null}, {@code "tags":[]}), whatever the serializer's default; only the
 * target leaves out what its type does not have.
 *
 * @param type slack, pagerduty or webhook
 * @param configuredIn the file or environment variable it was configured in
 * @param timeout a duration, e.g. 10s
 * @param protectedValues clear or masked
 */
@Serdeable.Serializable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(description = "A configured notification channel, secrets masked.")
public record ChannelView(
        String name,

        String type,

        @JsonProperty("configured_in") String configuredIn,

        MaskedTarget target,
        RouteView route,
        @JsonProperty("quiet_hours") @Nullable QuietHoursView quietHours,
        @JsonProperty("rate_limit") RateLimitView rateLimit,

        @Schema(description = "null when it sends one message per alert", requiredMode = Schema.RequiredMode.REQUIRED)
        @Nullable
        GroupingView group,

        String timeout,

        @JsonProperty("protected_values") String protectedValues) {

    static ChannelView of(Channel c) {
        QuietHours quiet = c.quietHours();
        return new ChannelView(
                c.name(),
                c.type().value(),
                c.origin(),
                MaskedTarget.of(c.target()),
                new RouteView(
                        c.route().minSeverity(),
                        c.route().tags().globs(),
                        c.route().hosts().globs(),
                        c.route().hostGroups().globs(),
                        c.route().rules().globs()),
                quiet == null
                        ? null
                        : new QuietHoursView(
                                quiet.from().toString(),
                                quiet.to().toString(),
                                quiet.zone().getId(),
                                quiet.days().stream().map(Enum::name).toList(),
                                quiet.letThrough()),
                new RateLimitView(
                        c.rateLimit().messages(), Durations.format(c.rateLimit().per())),
                c.grouping().groups()
                        ? new GroupingView(
                                Durations.format(c.grouping().window()),
                                c.grouping().max())
                        : null,
                Durations.format(c.timeout()),
                c.clearValues() ? "clear" : "masked");
    }

    /**
     * Where messages go, secrets masked, each with where it comes from; a type's own keys only.
     *
     * @param url scheme, host and port, the rest masked when it is a secret
     * @param urlFrom env:NAME, secret:KEY or file
     * @param secret the HMAC key, masked
     * @param headers header name: value, secret values masked
     * @param signed whether requests carry an HMAC signature
     */
    @Serdeable.Serializable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "url for every type; routing_key for pagerduty; secret, headers and signed for webhook")
    public record MaskedTarget(
            String url,

            @JsonProperty("url_from") String urlFrom,

            @JsonProperty("routing_key") @Nullable String routingKey,
            @JsonProperty("routing_key_from") @Nullable String routingKeyFrom,

            @Nullable String secret,

            @JsonProperty("secret_from") @Nullable String secretFrom,

            @Nullable Map<String, String> headers,

            @Nullable Boolean signed) {

        static MaskedTarget of(Target target) {
            if (target instanceof Target.PagerDuty pd) {
                return new MaskedTarget(
                        pd.url().maskedUrl(),
                        pd.url().source(),
                        pd.routingKey().masked(),
                        pd.routingKey().source(),
                        null,
                        null,
                        null,
                        null);
            }
            if (target instanceof Target.Webhook webhook) {
                ConfigValue secret = webhook.hmacSecret();
                Map<String, String> headers = new LinkedHashMap<>();
                webhook.headers().forEach((name, value) -> headers.put(name, value.masked()));
                return new MaskedTarget(
                        webhook.url().maskedUrl(),
                        webhook.url().source(),
                        null,
                        null,
                        secret == null ? null : secret.masked(),
                        secret == null ? null : secret.source(),
                        headers,
                        secret != null);
            }
            Target.Slack slack = (Target.Slack) target;
            return new MaskedTarget(slack.url().maskedUrl(), slack.url().source(), null, null, null, null, null, null);
        }
    }

    /**
     * Which alerts the channel gets.
     *
     * @param tags globs
     * @param hosts globs
     * @param hostGroups globs of rules/assets.yml's groups
     * @param rules globs of rule ids
     */
    @Serdeable.Serializable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record RouteView(
            @JsonProperty("min_severity") Severity minSeverity,

            List<String> tags,

            List<String> hosts,

            @JsonProperty("host_groups") List<String> hostGroups,

            List<String> rules) {}

    /**
     * When only alerts of {@code let_through} or above are sent at once; the rest wait for the end.
     *
     * @param from HH:MM
     * @param to HH:MM
     * @param zone a time zone id, e.g. Europe/Berlin
     * @param days MONDAY ... SUNDAY
     */
    @Serdeable.Serializable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record QuietHoursView(
            String from,

            String to,

            String zone,

            List<String> days,

            @JsonProperty("let_through") @Nullable Severity letThrough) {}

    /**
     * At most {@code messages} per {@code per}.
     *
     * @param per a duration, e.g. 1m
     */
    @Serdeable.Serializable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record RateLimitView(int messages, String per) {}

    /**
     * Alerts gathered for {@code wait} into one message of at most {@code max}.
     *
     * @param waitFor a duration, e.g. 30s
     */
    @Serdeable.Serializable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record GroupingView(@JsonProperty("wait") String waitFor, int max) {}
}
