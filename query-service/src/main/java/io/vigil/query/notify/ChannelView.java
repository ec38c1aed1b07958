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
 */
@Serdeable.Serializable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(description = "A configured notification channel, secrets masked.")
public record ChannelView(
        String name,

        @Schema(description = "slack, pagerduty or webhook", requiredMode = Schema.RequiredMode.REQUIRED)
        String type,

        @Schema(
                description = "the file or environment variable it was configured in",
                requiredMode = Schema.RequiredMode.REQUIRED)
        @JsonProperty("configured_in")
        String configuredIn,

        MaskedTarget target,
        RouteView route,
        @JsonProperty("quiet_hours") @Nullable QuietHoursView quietHours,
        @JsonProperty("rate_limit") RateLimitView rateLimit,

        @Schema(description = "null when it sends one message per alert", requiredMode = Schema.RequiredMode.REQUIRED)
        @Nullable
        GroupingView group,

        @Schema(description = "a duration, e.g. 10s", requiredMode = Schema.RequiredMode.REQUIRED)
        String timeout,

        @Schema(description = "clear or masked", requiredMode = Schema.RequiredMode.REQUIRED)
        @JsonProperty("protected_values")
        String protectedValues) {

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

    /** Where messages go, secrets masked, each with where it comes from; a type's own keys only. */
    @Serdeable.Serializable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "url for every type; routing_key for pagerduty; secret, headers and signed for webhook")
    public record MaskedTarget(
            @Schema(
                    description = "scheme, host and port, the rest masked when it is a secret",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            String url,

            @Schema(description = "env:NAME, secret:KEY or file", requiredMode = Schema.RequiredMode.REQUIRED)
            @JsonProperty("url_from")
            String urlFrom,

            @JsonProperty("routing_key") @Nullable String routingKey,
            @JsonProperty("routing_key_from") @Nullable String routingKeyFrom,

            @Schema(description = "the HMAC key, masked") @Nullable
            String secret,

            @JsonProperty("secret_from") @Nullable String secretFrom,

            @Schema(description = "header name: value, secret values masked") @Nullable
            Map<String, String> headers,

            @Schema(description = "whether requests carry an HMAC signature") @Nullable
            Boolean signed) {

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

    /** Which alerts the channel gets. */
    @Serdeable.Serializable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record RouteView(
            @JsonProperty("min_severity") Severity minSeverity,

            @Schema(description = "globs", requiredMode = Schema.RequiredMode.REQUIRED)
            List<String> tags,

            @Schema(description = "globs", requiredMode = Schema.RequiredMode.REQUIRED)
            List<String> hosts,

            @Schema(description = "globs of rules/assets.yml's groups", requiredMode = Schema.RequiredMode.REQUIRED)
            @JsonProperty("host_groups")
            List<String> hostGroups,

            @Schema(description = "globs of rule ids", requiredMode = Schema.RequiredMode.REQUIRED)
            List<String> rules) {}

    /** When only alerts of {@code let_through} or above are sent at once; the rest wait for the end. */
    @Serdeable.Serializable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record QuietHoursView(
            @Schema(description = "HH:MM", requiredMode = Schema.RequiredMode.REQUIRED)
            String from,

            @Schema(description = "HH:MM", requiredMode = Schema.RequiredMode.REQUIRED)
            String to,

            @Schema(description = "a time zone id, e.g. Europe/Berlin", requiredMode = Schema.RequiredMode.REQUIRED)
            String zone,

            @Schema(description = "MONDAY ... SUNDAY", requiredMode = Schema.RequiredMode.REQUIRED)
            List<String> days,

            @JsonProperty("let_through") @Nullable Severity letThrough) {}

    /** At most {@code messages} per {@code per}. */
    @Serdeable.Serializable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record RateLimitView(
            int messages,

            @Schema(description = "a duration, e.g. 1m", requiredMode = Schema.RequiredMode.REQUIRED)
            String per) {}

    /** Alerts gathered for {@code wait} into one message of at most {@code max}. */
    @Serdeable.Serializable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record GroupingView(
            @Schema(description = "a duration, e.g. 30s", requiredMode = Schema.RequiredMode.REQUIRED)
            @JsonProperty("wait")
            String waitFor,

            int max) {}
}
