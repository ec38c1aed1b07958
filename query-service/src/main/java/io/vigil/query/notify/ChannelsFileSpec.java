package io.vigil.query.notify;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The channels file as written (query-service/README.md, "The channels file"): its one declared
 * shape, bound strictly by {@link ChannelsFile}, which then checks the values. Absent or null is
 * null here (the defaults are the conversion's); a list may be written as a single text, except
 * {@code channels}.
 */
record ChannelsFileSpec(
        @JsonProperty("assets_file") String assetsFile,

        @JsonFormat(without = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        List<ChannelSpec> channels) {

    /** One channel; which of url, routing_key, secret and headers apply depends on its type. */
    record ChannelSpec(
            String name,
            String type,
            String url,
            @JsonProperty("routing_key") String routingKey,
            String secret,
            Map<String, String> headers,
            RouteSpec route,
            @JsonProperty("quiet_hours") QuietHoursSpec quietHours,
            @JsonProperty("rate_limit") RateLimitSpec rateLimit,
            GroupSpec group,
            String timeout,
            @JsonProperty("protected_values") String protectedValues) {}

    record RouteSpec(
            @JsonProperty("min_severity") String minSeverity,
            List<String> tags,
            List<String> hosts,
            @JsonProperty("host_groups") List<String> hostGroups,
            List<String> rules) {}

    record QuietHoursSpec(
            String from,
            String to,
            String zone,
            List<String> days,
            @JsonProperty("let_through") String letThrough) {}

    record RateLimitSpec(Integer messages, String per) {}

    record GroupSpec(@JsonProperty("wait") String window, Integer max) {}
}
