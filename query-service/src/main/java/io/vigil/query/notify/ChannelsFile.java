package io.vigil.query.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonMappingException.Reference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.micronaut.context.exceptions.ConfigurationException;
import io.vigil.common.Durations;
import io.vigil.common.Severity;
import io.vigil.query.notify.ChannelsFileSpec.ChannelSpec;
import io.vigil.query.notify.ChannelsFileSpec.GroupSpec;
import io.vigil.query.notify.ChannelsFileSpec.QuietHoursSpec;
import io.vigil.query.notify.ChannelsFileSpec.RateLimitSpec;
import io.vigil.query.notify.ChannelsFileSpec.RouteSpec;
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
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the channels file (see query-service/README.md, "Notifications") and adds CONTRACT.md's
 * generic webhook from {@code VIGIL_WEBHOOK_URL}. Strict on purpose: an unknown key (a typo such
 * as {@code min_severty}) or a missing secret stops the start with the setting's path, because a
 * channel that silently routes differently than written is a lost page.
 *
 * <p>The file's shape is declared once, in {@link ChannelsFileSpec}, and Jackson binds it with
 * unknown keys refused and no text read as a number; a binding error is reported with the path
 * of the setting, as the value checks here report theirs. Key sets and type checks by hand, as
 * before, restated that shape and could drift from it.
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

    /** Unknown keys fail; a quoted number, a fraction or a boolean is not a number. A number still reads as text. */
    private static final ObjectMapper BINDER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .build();

    private static final String NAME_FORM = "[a-z0-9][a-z0-9_-]{0,62}";
    /** Headers that carry credentials: their value must come from env: or secret:. */
    private static final Pattern SENSITIVE_HEADER =
            Pattern.compile("(?i)auth|token|key|secret|cookie|signature|password");

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
                root = YamlTrees.read(file);
            } catch (JsonProcessingException e) {
                throw new ConfigurationException(file + ": not valid YAML: " + e.getOriginalMessage()
                        + (e.getLocation() == null
                                ? ""
                                : " (line " + e.getLocation().getLineNr() + ")"));
            } catch (IOException e) {
                throw new ConfigurationException(file + ": cannot be read: " + e.getMessage());
            }
            if (root != null && !root.isNull() && !root.isMissingNode()) {
                ChannelsFileSpec spec = bind(root, where);
                if (spec.assetsFile() != null) {
                    assets = new AssetGroups(
                            Path.of(spec.assetsFile()).toAbsolutePath().normalize());
                    assets.refresh();
                }
                List<ChannelSpec> list = spec.channels() == null ? List.of() : spec.channels();
                for (int i = 0; i < list.size(); i++) {
                    ChannelSpec channel = list.get(i);
                    String position = where + ": " + position(i, channel == null ? null : channel.name());
                    if (channel == null) {
                        throw new ConfigurationException(position + ": expected a map");
                    }
                    channels.add(channel(channel, position, file.toString()));
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

    /** The file's shape, or the first setting that does not fit it, named as the value checks below name theirs. */
    private static ChannelsFileSpec bind(JsonNode root, String where) {
        try {
            return BINDER.treeToValue(root, ChannelsFileSpec.class);
        } catch (JsonMappingException e) {
            List<Reference> path = new ArrayList<>(e.getPath());
            String reason = reason(e, path);
            String prefix = where + ": ";
            if (path.size() > 1 && "channels".equals(path.get(0).getFieldName())) {
                // Named as the checks below name it: not for a key beside the name.
                int i = path.get(1).getIndex();
                String name = path.size() > 2
                        ? root.path("channels").path(i).path("name").asText()
                        : null;
                prefix += position(i, name) + ": ";
                path = path.subList(2, path.size());
            }
            String setting = path.stream().map(Reference::getFieldName).collect(Collectors.joining("."));
            throw new ConfigurationException(prefix + (setting.isEmpty() ? "" : setting + ": ") + reason);
        } catch (JsonProcessingException e) {
            throw new ConfigurationException(where + ": " + e.getOriginalMessage());
        }
    }

    /** What is wrong; takes the unknown key, or a list's index, off the path: the message names the map or list. */
    private static String reason(JsonMappingException e, List<Reference> path) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            path.remove(path.size() - 1);
            List<String> known = unknown.getKnownPropertyIds().stream()
                    .map(String::valueOf)
                    .sorted()
                    .toList();
            return "unknown setting '" + unknown.getPropertyName() + "' (known: " + String.join(", ", known) + ")";
        } else if (path.size() > 2 && path.get(path.size() - 1).getFieldName() == null) {
            path.remove(path.size() - 1);
            return "expected a list of texts";
        }
        Class<?> type = e instanceof MismatchedInputException m && m.getTargetType() != null
                ? m.getTargetType()
                : e.getCause() instanceof InputCoercionException c ? c.getTargetType() : Void.class;
        if (type == Integer.class || type == int.class) {
            return "a whole number of at least 1";
        }
        return type == String.class
                ? "expected a text"
                : List.class.isAssignableFrom(type)
                        ? "expected a list"
                        : Map.class.isAssignableFrom(type)
                                ? "expected a map of header: value"
                                : type.isRecord() ? "expected a map" : e.getOriginalMessage();
    }

    /** {@code channels[i]}, with the channel's name once it is a valid one. */
    private static String position(int index, String name) {
        boolean named = name != null && name.trim().matches(NAME_FORM);
        return "channels[" + index + "]" + (named ? " (" + name.trim() + ")" : "");
    }

    private Channel channel(ChannelSpec spec, String where, String origin) {
        String name = text(spec.name(), "name", where, true);
        if (!name.matches(NAME_FORM)) {
            throw new ConfigurationException(
                    where + ": name: lower-case letters, digits, '-' and '_' (up to 63), got '" + name + "'");
        }
        String typeText = text(spec.type(), "type", where, true);
        ChannelType type = ChannelType.parse(typeText)
                .orElseThrow(() -> new ConfigurationException(
                        where + ": type: slack, pagerduty or webhook, got '" + typeText + "'"));
        Target target = switch (type) {
            case SLACK -> {
                only(spec, where, type, "url");
                yield new Target.Slack(url(secret(spec.url(), "url", where, true), where + ": url"));
            }
            case PAGERDUTY -> {
                only(spec, where, type, "url", "routing_key");
                String url = text(spec.url(), "url", where, false);
                ConfigValue endpoint = ConfigValue.plain(url == null ? DEFAULT_PAGERDUTY_URL : url);
                yield new Target.PagerDuty(
                        url(endpoint, where + ": url"), secret(spec.routingKey(), "routing_key", where, true));
            }
            case WEBHOOK -> {
                only(spec, where, type, "url", "secret", "headers");
                yield new Target.Webhook(
                        url(secret(spec.url(), "url", where, true), where + ": url"),
                        secret(spec.secret(), "secret", where, false),
                        headers(spec.headers(), where + ": headers"));
            }
        };
        Route route = route(spec.route(), where + ": route");
        QuietHours quiet = spec.quietHours() == null ? null : quietHours(spec.quietHours(), where + ": quiet_hours");
        RateLimit rate = spec.rateLimit() == null
                ? DEFAULT_RATE_LIMITS.get(type)
                : rateLimit(spec.rateLimit(), where + ": rate_limit");
        Grouping grouping = type.groups() ? DEFAULT_SLACK_GROUPING : Grouping.NONE;
        if (spec.group() != null) {
            if (!type.groups()) {
                throw new ConfigurationException(where + ": group: only Slack messages carry several alerts"
                        + " (PagerDuty needs one event per alert, a webhook gets one alert per request)");
            }
            grouping = grouping(spec.group(), where + ": group");
        }
        Duration timeout =
                spec.timeout() == null ? settings.getTimeout() : duration(spec.timeout(), where + ": timeout");
        String values = text(spec.protectedValues(), "protected_values", where, false);
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

    private static Route route(RouteSpec spec, String where) {
        if (spec == null) {
            GlobList any = GlobList.of(List.of());
            return new Route(DEFAULT_MIN_SEVERITY, any, any, any, any);
        }
        Severity min = spec.minSeverity() == null
                ? DEFAULT_MIN_SEVERITY
                : severity(spec.minSeverity(), where + ".min_severity");
        return new Route(
                min,
                GlobList.of(texts(spec.tags(), where + ".tags")),
                GlobList.of(texts(spec.hosts(), where + ".hosts")),
                GlobList.of(texts(spec.hostGroups(), where + ".host_groups")),
                GlobList.of(texts(spec.rules(), where + ".rules")));
    }

    private static QuietHours quietHours(QuietHoursSpec spec, String where) {
        LocalTime from = time(spec.from(), "from", where);
        LocalTime to = time(spec.to(), "to", where);
        ZoneId zone;
        String zoneText = text(spec.zone(), "zone", where, false);
        try {
            zone = zoneText == null ? ZoneId.of("UTC") : ZoneId.of(zoneText);
        } catch (DateTimeException e) {
            throw new ConfigurationException(where + ".zone: not a time zone: '" + zoneText + "' (e.g. Europe/Berlin)");
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String day : texts(spec.days(), where + ".days")) {
            days.add(dayOfWeek(day, where + ".days"));
        }
        Severity letThrough = spec.letThrough() == null ? null : severity(spec.letThrough(), where + ".let_through");
        return new QuietHours(from, to, zone, days, letThrough);
    }

    private static RateLimit rateLimit(RateLimitSpec spec, String where) {
        int messages = positiveInt(spec.messages(), where + ".messages");
        return new RateLimit(messages, duration(spec.per(), where + ".per"));
    }

    private static Grouping grouping(GroupSpec spec, String where) {
        Duration wait =
                spec.window() == null ? DEFAULT_SLACK_GROUPING.window() : duration(spec.window(), where + ".wait");
        int max = spec.max() == null ? DEFAULT_SLACK_GROUPING.max() : positiveInt(spec.max(), where + ".max");
        if (max > 50) {
            throw new ConfigurationException(where + ".max: at most 50 alerts per Slack message");
        }
        return new Grouping(wait, max);
    }

    private Map<String, ConfigValue> headers(Map<String, String> given, String where) {
        Map<String, ConfigValue> headers = new LinkedHashMap<>();
        if (given == null) {
            return headers;
        }
        given.forEach((header, value) -> {
            if (!header.matches("[A-Za-z0-9-]+")) {
                throw new ConfigurationException(where + ": '" + header + "' is not a header name");
            }
            if (Set.of("content-type", "content-length", "host").contains(header.toLowerCase(Locale.ROOT))
                    || header.toLowerCase(Locale.ROOT).startsWith("x-vigil-")) {
                throw new ConfigurationException(where + ": " + header + " is set by Vigil");
            }
            if (value == null) {
                throw new ConfigurationException(where + "." + header + ": expected a text");
            }
            if (!Secrets.isReference(value) && SENSITIVE_HEADER.matcher(header).find()) {
                throw new ConfigurationException(where + "." + header + ": expected env:NAME or secret:KEY"
                        + " (credentials are not written into the channels file)");
            }
            ConfigValue v = Secrets.isReference(value)
                    ? secrets.resolve(where + "." + header, value)
                    : ConfigValue.plain(value);
            redactor.add(v);
            headers.put(header, v);
        });
        return headers;
    }

    private ConfigValue secret(String given, String key, String where, boolean required) {
        String reference = text(given, key, where, required);
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

    /** The target settings of the other types are mistakes here, not ignored. */
    private static void only(ChannelSpec spec, String where, ChannelType type, String... allowed) {
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("url", spec.url());
        given.put("routing_key", spec.routingKey());
        given.put("secret", spec.secret());
        given.put("headers", spec.headers());
        given.forEach((key, value) -> {
            if (value != null && !List.of(allowed).contains(key)) {
                throw new ConfigurationException(
                        where + ": " + key + ": not a setting of a " + type.value() + " channel");
            }
        });
    }

    /** A text setting, trimmed: blank is a mistake, absent is null (or a mistake when required). */
    private static String text(String value, String key, String where, boolean required) {
        if (value == null) {
            if (required) {
                throw new ConfigurationException(where + ": " + key + " is required");
            }
            return null;
        }
        if (value.isBlank()) {
            throw new ConfigurationException(where + ": " + key + ": expected a non-empty text");
        }
        return value.trim();
    }

    private static List<String> texts(List<String> values, String where) {
        if (values == null) {
            return List.of();
        }
        if (values.stream().anyMatch(v -> v == null || v.isBlank())) {
            throw new ConfigurationException(where + ": expected a list of texts");
        }
        return values.stream().map(String::trim).toList();
    }

    private static Severity severity(String text, String where) {
        return Severity.parse(text)
                .orElseThrow(() ->
                        new ConfigurationException(where + ": one of LOW, MEDIUM, HIGH, CRITICAL, got '" + text + "'"));
    }

    /** An absent duration is reported as the empty text it was read as before. */
    private static Duration duration(String text, String where) {
        try {
            return Durations.parse(text == null ? "" : text);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(where + ": " + e.getMessage());
        }
    }

    private static int positiveInt(Integer value, String where) {
        if (value == null || value < 1) {
            throw new ConfigurationException(where + ": a whole number of at least 1");
        }
        return value;
    }

    private static LocalTime time(String given, String key, String where) {
        String text = text(given, key, where, true);
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
