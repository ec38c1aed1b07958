package io.vigil.query.params;

import io.vigil.common.AlertStatus;
import io.vigil.common.Fields;
import io.vigil.common.Severity;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks of single query parameters as they arrive (text), each failure a
 * {@link BadParameterException} naming the parameter. Limits keep any one request cheap for
 * Elasticsearch, whatever a caller sends.
 */
public final class Params {
    /** Host names are DNS-like; 255 is the DNS limit. */
    public static final int MAX_HOST_LENGTH = 255;
    /** Free text is for a few words; a 10 kB query string is a mistake or an attack. */
    public static final int MAX_QUERY_LENGTH = 512;

    public static final int MAX_ID_LENGTH = 512;
    /** One request names at most this many ids: an alert's matched events, a page's worth. */
    public static final int MAX_IDS = 100;

    private Params() {}

    public static int integer(String name, String text, int dflt, int min, int max) {
        if (text == null) {
            return dflt;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadParameterException(
                name,
                max == Integer.MAX_VALUE
                        ? "must be an integer of at least " + min
                        : "must be an integer from " + min + " to " + max);
    }

    /** An exact host name or a glob ({@code *}, {@code ?}); null when absent. */
    public static String host(String name, String text) {
        if (text == null) {
            return null;
        }
        if (text.isBlank() || text.length() > MAX_HOST_LENGTH || text.chars().anyMatch(Character::isISOControl)) {
            throw new BadParameterException(
                    name, "must be a host name or glob of 1-" + MAX_HOST_LENGTH + " characters");
        }
        return text;
    }

    /** A plain keyword value (rule id, ...): 1-512 characters, no control characters; null when absent. */
    public static String keyword(String name, String text) {
        if (text == null) {
            return null;
        }
        if (text.isBlank() || text.length() > MAX_ID_LENGTH || text.chars().anyMatch(Character::isISOControl)) {
            throw new BadParameterException(name, "must be 1-" + MAX_ID_LENGTH + " characters");
        }
        return text;
    }

    /** A comma list of 1-{@value #MAX_IDS} document ids, each a {@link #keyword}; empty when absent. */
    public static List<String> ids(String name, String text) {
        List<String> values = commaList(text, part -> keyword(name, part.strip()));
        if (values.size() > MAX_IDS) {
            throw new BadParameterException(name, "must name at most " + MAX_IDS + " ids");
        }
        return values;
    }

    /** Free text for {@code simple_query_string}; null when absent. */
    public static String freeText(String name, String text) {
        if (text == null) {
            return null;
        }
        if (text.isBlank() || text.length() > MAX_QUERY_LENGTH) {
            throw new BadParameterException(name, "must be 1-" + MAX_QUERY_LENGTH + " characters of text");
        }
        return text;
    }

    /** {@code metric} or {@code event}; null when absent. */
    public static String kind(String name, String text) {
        if (text == null) {
            return null;
        }
        String kind = text.trim().toLowerCase(Locale.ROOT);
        if (!kind.equals(Fields.KIND_METRIC) && !kind.equals(Fields.KIND_EVENT)) {
            throw new BadParameterException(
                    name, "must be '" + Fields.KIND_METRIC + "' or '" + Fields.KIND_EVENT + "'");
        }
        return kind;
    }

    /** A comma list of LOW, MEDIUM, HIGH, CRITICAL (any case); empty when absent. */
    public static List<String> severities(String name, String text) {
        return commaList(
                text,
                part -> Severity.parse(part)
                        .orElseThrow(() -> new BadParameterException(
                                name,
                                "must be a comma list of LOW, MEDIUM, HIGH, CRITICAL; got '" + printable(part) + "'"))
                        .name());
    }

    /** A comma list of open, acknowledged, closed; empty when absent. */
    public static List<String> statuses(String name, String text) {
        return commaList(text, part -> status(name, part).value());
    }

    public static AlertStatus status(String name, String text) {
        return AlertStatus.parse(text)
                .orElseThrow(() -> new BadParameterException(
                        name, "must be one of open, acknowledged, closed; got '" + printable(text) + "'"));
    }

    /**
     * Each part of a comma list (empty parts included, so {@code a,,b} is refused by the part's
     * check), read by {@code part}, repeats dropped, in the order sent; empty when absent.
     */
    private static List<String> commaList(String text, Function<String, String> part) {
        if (text == null) {
            return List.of();
        }
        Set<String> values = new LinkedHashSet<>();
        for (String each : text.split(",", -1)) {
            values.add(part.apply(each));
        }
        return new ArrayList<>(values);
    }

    /** Echoes a bad value back safely: short, without control characters. */
    public static String printable(String text) {
        if (text == null) {
            return "";
        }
        String cut = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
