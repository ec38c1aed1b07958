package io.vigil.query.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.micronaut.context.exceptions.ConfigurationException;
import io.vigil.common.Durations;
import io.vigil.common.Severity;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the channels file (see query-service/README.md, "Notifications") and adds CONTRACT.md's
 * generic webhook from {@code VIGIL_WEBHOOK_URL}. Strict on purpose: an unknown key (a typo such
 * as {@code min_severty}) or a missing secret stops the start with the setting's path, because a
 * channel that silently routes differently than written is a lost page.
 */
final class ChannelsFile {
    static final String DEFAULT_PAGERDUTY_URL = "https://events.pagerduty.com/v2/enqueue";
    /** The environment's generic webhook (CONTRACT.md) is this channel. */
    static final String ENV_WEBHOOK = "webhook";

    static final Severity DEFAULT_MIN_SEVERITY = Severity.HIGH;
    static final Grouping DEFAULT_SLACK_GROUPING = new Grouping(Duration.ofSeconds(10), 20);
    /** Slack allows about one message per second per webhook; PagerDuty about 120 events a minute per key. */
    static final Map<ChannelType, RateLimit> DEFAULT_RATE_LIMITS = Map.of(
            ChannelType.SLACK, new RateLimit(20, Duration.ofMinutes(1)),
            ChannelType.PAGERDUTY, new RateLimit(60, Duration.ofMinutes(1)),
            ChannelType.WEBHOOK, new RateLimit(120, Duration.ofMinutes(1)));

    private static final Set<String> TOP_KEYS = Set.of("channels", "assets_file");
    private static final Set<String> CHANNEL_KEYS = Set.of(
            "name",
            "type",
            "url",
            "routing_key",
            "secret",
            "headers",
            "route",
            "quiet_hours",
            "rate_limit",
            "group",
            "timeout",
            "protected_values");
    private static final Set<String> ROUTE_KEYS = Set.of("min_severity", "tags", "hosts", "host_groups", "rules");
    private static final Set<String> QUIET_KEYS = Set.of("from", "to", "zone", "days", "let_through");
    private static final Set<String> RATE_KEYS = Set.of("messages", "per");
    private static final Set<String> GROUP_KEYS = Set.of("wait", "max");
    private static final String NAME_FORM = "[a-z0-9][a-z0-9_-]{0,62}";
    /** Headers that carry credentials: their value must come from env: or secret:. */
    private static final java.util.regex.Pattern SENSITIVE_HEADER =
            java.util.regex.Pattern.compile("(?i)auth|token|key|secret|cookie|signature|password");

    private final Secrets secrets;
    private final NotificationSettings settings;
    private final Redactor redactor = new Redactor();

    private ChannelsFile(Secrets secrets, NotificationSettings settings) {
        this.secrets = secrets;
        this.settings = settings;
    }

    static Channels load(Path file, Secrets secrets, NotificationSettings settings) {
        return new ChannelsFile(secrets, settings).read(file);
    }

    private Channels read(Path file) {
        List<Channel> channels = new ArrayList<>();
        AssetGroups assets = AssetGroups.NONE;
        String where = file.getFileName().toString();
        if (Files.isRegularFile(file)) {
            JsonNode root;
            try {
                root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
            } catch (JsonProcessingException e) {
                throw new ConfigurationException(file + ": not valid YAML: " + e.getOriginalMessage()
                        + (e.getLocation() == null
                                ? ""
                                : " (line " + e.getLocation().getLineNr() + ")"));
            } catch (IOException e) {
                throw new ConfigurationException(file + ": cannot be read: " + e.getMessage());
            }
            if (root != null && !root.isNull() && !root.isMissingNode()) {
                checkKeys(root, where, TOP_KEYS);
                if (root.hasNonNull("assets_file")) {
                    assets = new AssetGroups(Path.of(root.path("assets_file").asText())
                            .toAbsolutePath()
                            .normalize());
                    assets.refresh();
                }
                JsonNode list = root.path("channels");
                if (!list.isMissingNode() && !list.isNull() && !list.isArray()) {
                    throw new ConfigurationException(where + ": channels: expected a list");
                }
                for (int i = 0; i < list.size(); i++) {
                    channels.add(channel(list.get(i), where + ": channels[" + i + "]", file.toString()));
                }
            }
        }
        Channel webhook = environmentWebhook();
        if (webhook != null) {
            channels.add(webhook);
        }
        Set<String> names = new HashSet<>();
        for (Channel c : channels) {
            if (!names.add(c.name())) {
                throw new ConfigurationException(where + ": two channels are named '" + c.name() + "'"
                        + (c.name().equals(ENV_WEBHOOK) ? " ('webhook' is VIGIL_WEBHOOK_URL's channel)" : ""));
            }
        }
        return new Channels(List.copyOf(channels), assets, redactor, file);
    }

    private Channel channel(JsonNode node, String position, String origin) {
        checkKeys(node, position, CHANNEL_KEYS);
        String name = text(node, "name", position, true);
        if (!name.matches(NAME_FORM)) {
            throw new ConfigurationException(
                    position + ": name: lower-case letters, digits, '-' and '_' (up to 63), got '" + name + "'");
        }
        String where = position + " (" + name + ")";
        String typeText = text(node, "type", where, true);
        ChannelType type = ChannelType.parse(typeText)
                .orElseThrow(() -> new ConfigurationException(
                        where + ": type: slack, pagerduty or webhook, got '" + typeText + "'"));
        Target target = switch (type) {
            case SLACK -> {
                only(node, where, type, "url");
                yield new Target.Slack(url(secret(node, "url", where, true), where + ": url"));
            }
            case PAGERDUTY -> {
                only(node, where, type, "url", "routing_key");
                String url = text(node, "url", where, false);
                ConfigValue endpoint = ConfigValue.plain(url == null ? DEFAULT_PAGERDUTY_URL : url);
                yield new Target.PagerDuty(url(endpoint, where + ": url"), secret(node, "routing_key", where, true));
            }
            case WEBHOOK -> {
                only(node, where, type, "url", "secret", "headers");
                yield new Target.Webhook(
                        url(secret(node, "url", where, true), where + ": url"),
                        secret(node, "secret", where, false),
                        headers(node.path("headers"), where + ": headers"));
            }
        };
        Route route = route(node.path("route"), where + ": route");
        QuietHours quiet =
                node.hasNonNull("quiet_hours") ? quietHours(node.path("quiet_hours"), where + ": quiet_hours") : null;
        RateLimit rate = node.hasNonNull("rate_limit")
                ? rateLimit(node.path("rate_limit"), where + ": rate_limit")
                : DEFAULT_RATE_LIMITS.get(type);
        Grouping grouping = type.groups() ? DEFAULT_SLACK_GROUPING : Grouping.NONE;
        if (node.hasNonNull("group")) {
            if (!type.groups()) {
                throw new ConfigurationException(where + ": group: only Slack messages carry several alerts"
                        + " (PagerDuty needs one event per alert, a webhook gets one alert per request)");
            }
            grouping = grouping(node.path("group"), where + ": group");
        }
        Duration timeout = node.hasNonNull("timeout")
                ? duration(node.path("timeout"), where + ": timeout")
                : settings.getTimeout();
        String values = text(node, "protected_values", where, false);
        if (values != null && !values.equals("clear") && !values.equals("masked")) {
            throw new ConfigurationException(where + ": protected_values: clear or masked, got '" + values + "'");
        }
        return new Channel(name, type, route, quiet, rate, grouping, timeout, target, origin, "clear".equals(values));
    }

    /** VIGIL_WEBHOOK_URL / _MIN_SEVERITY / _SECRET: every alert of at least that severity, POSTed once. */
    private Channel environmentWebhook() {
        String url = settings.webhookUrlOrNull();
        if (url == null) {
            return null;
        }
        Severity min = Severity.parse(settings.getWebhookMinSeverity())
                .orElseThrow(() ->
                        new ConfigurationException("VIGIL_WEBHOOK_MIN_SEVERITY: one of LOW, MEDIUM, HIGH, CRITICAL"));
        ConfigValue target = url(ConfigValue.secret(url, "env:VIGIL_WEBHOOK_URL"), "VIGIL_WEBHOOK_URL");
        redactor.add(target);
        String secret = settings.webhookSecretOrNull();
        ConfigValue hmac = secret == null ? null : ConfigValue.secret(secret, "env:VIGIL_WEBHOOK_SECRET");
        redactor.add(hmac);
        GlobList any = GlobList.of(List.of());
        return new Channel(
                ENV_WEBHOOK,
                ChannelType.WEBHOOK,
                new Route(min, any, any, any, any),
                null,
                DEFAULT_RATE_LIMITS.get(ChannelType.WEBHOOK),
                Grouping.NONE,
                settings.getTimeout(),
                new Target.Webhook(target, hmac, Map.of()),
                "environment",
                false);
    }

    private Route route(JsonNode node, String where) {
        if (node.isMissingNode() || node.isNull()) {
            GlobList any = GlobList.of(List.of());
            return new Route(DEFAULT_MIN_SEVERITY, any, any, any, any);
        }
        checkKeys(node, where, ROUTE_KEYS);
        Severity min = node.hasNonNull("min_severity")
                ? severity(node.path("min_severity"), where + ".min_severity")
                : DEFAULT_MIN_SEVERITY;
        return new Route(
                min,
                globs(node, "tags", where),
                globs(node, "hosts", where),
                globs(node, "host_groups", where),
                globs(node, "rules", where));
    }

    private QuietHours quietHours(JsonNode node, String where) {
        checkKeys(node, where, QUIET_KEYS);
        LocalTime from = time(node, "from", where);
        LocalTime to = time(node, "to", where);
        ZoneId zone;
        String zoneText = text(node, "zone", where, false);
        try {
            zone = zoneText == null ? ZoneId.of("UTC") : ZoneId.of(zoneText);
        } catch (DateTimeException e) {
            throw new ConfigurationException(where + ".zone: not a time zone: '" + zoneText + "' (e.g. Europe/Berlin)");
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String day : strings(node, "days", where)) {
            days.add(dayOfWeek(day, where + ".days"));
        }
        Severity letThrough =
                node.hasNonNull("let_through") ? severity(node.path("let_through"), where + ".let_through") : null;
        return new QuietHours(from, to, zone, days, letThrough);
    }

    private RateLimit rateLimit(JsonNode node, String where) {
        checkKeys(node, where, RATE_KEYS);
        int messages = positiveInt(node, "messages", where);
        Duration per = duration(node.path("per"), where + ".per");
        return new RateLimit(messages, per);
    }

    private Grouping grouping(JsonNode node, String where) {
        checkKeys(node, where, GROUP_KEYS);
        Duration wait = node.hasNonNull("wait")
                ? duration(node.path("wait"), where + ".wait")
                : DEFAULT_SLACK_GROUPING.window();
        int max = node.hasNonNull("max") ? positiveInt(node, "max", where) : DEFAULT_SLACK_GROUPING.max();
        if (max > 50) {
            throw new ConfigurationException(where + ".max: at most 50 alerts per Slack message");
        }
        return new Grouping(wait, max);
    }

    private Map<String, ConfigValue> headers(JsonNode node, String where) {
        Map<String, ConfigValue> headers = new LinkedHashMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return headers;
        }
        if (!node.isObject()) {
            throw new ConfigurationException(where + ": expected a map of header: value");
        }
        var fields = node.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            String header = field.getKey();
            if (!header.matches("[A-Za-z0-9-]+")) {
                throw new ConfigurationException(where + ": '" + header + "' is not a header name");
            }
            if (Set.of("content-type", "content-length", "host").contains(header.toLowerCase(Locale.ROOT))
                    || header.toLowerCase(Locale.ROOT).startsWith("x-vigil-")) {
                throw new ConfigurationException(where + ": " + header + " is set by Vigil");
            }
            String value = field.getValue().asText();
            if (!Secrets.isReference(value) && SENSITIVE_HEADER.matcher(header).find()) {
                throw new ConfigurationException(where + "." + header + ": expected env:NAME or secret:KEY"
                        + " (credentials are not written into the channels file)");
            }
            ConfigValue v = Secrets.isReference(value)
                    ? secrets.resolve(where + "." + header, value)
                    : ConfigValue.plain(value);
            redactor.add(v);
            headers.put(header, v);
        }
        return headers;
    }

    private ConfigValue secret(JsonNode node, String key, String where, boolean required) {
        String reference = text(node, key, where, required);
        if (reference == null) {
            return null;
        }
        ConfigValue value = secrets.resolve(where + ": " + key, reference);
        redactor.add(value);
        return value;
    }

    /** Only http(s) URLs; the message never quotes a secret URL. */
    private static ConfigValue url(ConfigValue value, String where) {
        try {
            URI uri = new URI(value.value());
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return value;
            }
        } catch (URISyntaxException ignored) {
            // reported below
        }
        throw new ConfigurationException(where + ": not an http(s) URL"
                + (value.isSecret() ? " (" + value.source() + ")" : ": " + value.value()));
    }

    private static void only(JsonNode node, String where, ChannelType type, String... allowed) {
        Set<String> targetKeys = Set.of("url", "routing_key", "secret", "headers");
        Set<String> ok = Set.of(allowed);
        node.fieldNames().forEachRemaining(key -> {
            if (targetKeys.contains(key) && !ok.contains(key)) {
                throw new ConfigurationException(
                        where + ": " + key + ": not a setting of a " + type.value() + " channel");
            }
        });
    }

    private static void checkKeys(JsonNode node, String where, Set<String> allowed) {
        if (!node.isObject()) {
            throw new ConfigurationException(where + ": expected a map");
        }
        node.fieldNames().forEachRemaining(key -> {
            if (!allowed.contains(key)) {
                throw new ConfigurationException(where + ": unknown setting '" + key + "' (known: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        });
    }

    private static String text(JsonNode node, String key, String where, boolean required) {
        JsonNode value = node.path(key);
        if (value.isMissingNode() || value.isNull()) {
            if (required) {
                throw new ConfigurationException(where + ": " + key + " is required");
            }
            return null;
        }
        if (!value.isValueNode() || value.asText().isBlank()) {
            throw new ConfigurationException(where + ": " + key + ": expected a non-empty text");
        }
        return value.asText().trim();
    }

    private static List<String> strings(JsonNode node, String key, String where) {
        JsonNode value = node.path(key);
        List<String> list = new ArrayList<>();
        if (value.isMissingNode() || value.isNull()) {
            return list;
        }
        if (value.isValueNode()) {
            list.add(value.asText());
            return list;
        }
        if (!value.isArray()) {
            throw new ConfigurationException(where + "." + key + ": expected a list");
        }
        value.forEach(v -> {
            if (!v.isValueNode() || v.asText().isBlank()) {
                throw new ConfigurationException(where + "." + key + ": expected a list of texts");
            }
            list.add(v.asText().trim());
        });
        return list;
    }

    private static GlobList globs(JsonNode node, String key, String where) {
        return GlobList.of(strings(node, key, where));
    }

    private static Severity severity(JsonNode node, String where) {
        return Severity.parse(node.asText())
                .orElseThrow(() -> new ConfigurationException(
                        where + ": one of LOW, MEDIUM, HIGH, CRITICAL, got '" + node.asText() + "'"));
    }

    private static Duration duration(JsonNode node, String where) {
        try {
            return Durations.parse(node.asText());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(where + ": " + e.getMessage());
        }
    }

    private static int positiveInt(JsonNode node, String key, String where) {
        JsonNode value = node.path(key);
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 1) {
            throw new ConfigurationException(where + "." + key + ": a whole number of at least 1");
        }
        return value.asInt();
    }

    private static LocalTime time(JsonNode node, String key, String where) {
        String text = text(node, key, where, true);
        try {
            return LocalTime.parse(text.length() == 4 ? "0" + text : text);
        } catch (DateTimeParseException e) {
            throw new ConfigurationException(where + "." + key + ": a time of day such as 22:00, got '" + text + "'");
        }
    }

    private static DayOfWeek dayOfWeek(String text, String where) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day.name().equals(t) || day.name().substring(0, 3).equals(t)) {
                return day;
            }
        }
        throw new ConfigurationException(where + ": a day such as MON or monday, got '" + text + "'");
    }
}
