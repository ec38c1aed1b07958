package io.vigil.detection.parse;

import io.vigil.common.Durations;
import io.vigil.detection.rule.RuleSyntaxException;
import io.vigil.detection.sigma.Logsources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The top-level attributes native and Sigma rules share: id and tag syntax, tags, durations, logsource, mode. */
public final class RuleAttributes {
    /** A rule id: also part of its operators' uids, so a savepoint finds their state again. */
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9_.-]*");

    private RuleAttributes() {}

    public static boolean isId(String id) {
        return ID.matcher(id).matches();
    }

    /**
     * A {@code tags} list, or none.
     *
     * @param lowerCase whether tags are lower-cased before they are checked (Sigma's are compared so)
     * @param rule      what the error says a tag must be
     */
    public static List<String> tags(YamlMap.Entry entry, boolean lowerCase, String rule) throws RuleSyntaxException {
        if (entry == null) {
            return List.of();
        }
        List<String> tags = new ArrayList<>();
        for (String tag : YamlMap.texts(entry.value(), "tags")) {
            String checked = lowerCase ? tag.toLowerCase(Locale.ROOT) : tag;
            if (!TAG.matcher(checked).matches()) {
                throw new RuleSyntaxException(entry.line(), "tag '" + tag + "' must be " + rule);
            }
            tags.add(checked);
        }
        return List.copyOf(tags);
    }

    /** A duration ({@code 60s}, {@code 10m}); absent, the fallback, or an error without one. */
    public static Duration duration(YamlMap.Entry entry, String what, Duration fallback) throws RuleSyntaxException {
        if (entry == null) {
            if (fallback == null) {
                throw new RuleSyntaxException(0, what + " is missing");
            }
            return fallback;
        }
        String text = YamlMap.text(entry.value(), what);
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new RuleSyntaxException(entry.line(), what + ": " + e.getMessage());
        }
    }

    /** A {@link #duration} that must be longer than 0: a window, a gap, a suppression. */
    public static Duration positiveDuration(YamlMap.Entry entry, String what, Duration fallback)
            throws RuleSyntaxException {
        Duration d = duration(entry, what, fallback);
        if (d.isZero()) {
            throw new RuleSyntaxException(entry.line(), what + " must be longer than 0");
        }
        return d;
    }

    /** {@code mode: live} (default) or {@code shadow}: true for shadow. */
    public static boolean shadowMode(YamlMap top) throws RuleSyntaxException {
        String mode = top.text("mode", "a rule", false);
        if (mode == null || mode.equals("live")) {
            return false;
        }
        if (!mode.equals("shadow")) {
            throw new RuleSyntaxException(top.get("mode").line(), "mode '" + mode + "' must be live or shadow");
        }
        return true;
    }

    /** A {@code logsource: {product, category, service}} block; other keys (definition, ...) are documentation. */
    public static Logsources.Logsource logsource(YamlMap.Entry entry) throws RuleSyntaxException {
        YamlMap map = YamlMap.of(entry.value(), "logsource");
        return new Logsources.Logsource(lower(map, "product"), lower(map, "category"), lower(map, "service"));
    }

    private static String lower(YamlMap map, String key) throws RuleSyntaxException {
        String value = map.text(key, "logsource", false);
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }
}
