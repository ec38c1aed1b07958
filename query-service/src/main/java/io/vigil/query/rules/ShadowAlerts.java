package io.vigil.query.rules;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.common.AlertFields;
import io.vigil.query.params.BadParameterException;
import io.vigil.query.search.Filters;

/**
 * Alerts of rules in {@code mode: shadow} (field {@code shadow: true}, written by the job): stored
 * so a rule author sees a rule's noise before it reaches analysts, but left out of every alert
 * list, badge, stream and notification unless asked for ({@code ?shadow=include|only}). Alerts
 * without the field (written before it existed) are live.
 */
public final class ShadowAlerts {
    public static final String FIELD = AlertFields.SHADOW;
    public static final String PARAMETER = "shadow";

    /** What {@code ?shadow=} asks for. */
    public enum Choice {
        EXCLUDE,
        INCLUDE,
        ONLY
    }

    private ShadowAlerts() {}

    /** {@code exclude} (default: what analysts see), {@code include} or {@code only}. */
    public static Choice parse(String value) {
        if (value == null || value.isBlank()) {
            return Choice.EXCLUDE;
        }
        try {
            return Choice.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadParameterException(PARAMETER, "must be exclude, include or only, got '" + value + "'");
        }
    }

    /** Adds the clause {@code choice} asks for to the filters. */
    public static Filters apply(Filters filters, ObjectMapper mapper, Choice choice) {
        return switch (choice) {
            case EXCLUDE -> filters.add(liveOnly(mapper));
            case INCLUDE -> filters;
            case ONLY -> filters.term(FIELD, "true");
        };
    }

    /** Every alert but the shadow ones (a bool query for a filter or a must_not-free clause list). */
    public static ObjectNode liveOnly(ObjectMapper mapper) {
        ObjectNode clause = mapper.createObjectNode();
        clause.putObject("bool")
                .putArray("must_not")
                .addObject()
                .putObject("term")
                .put(FIELD, true);
        return clause;
    }
}
