package io.vigil.query.users;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a user may do (CONTRACT.md): {@code viewer} reads; {@code analyst} also changes alert
 * status; {@code admin} also manages users and rules. Written in lower case in users.json and
 * in the JWT {@code roles} claim.
 */
public enum Role {
    VIEWER,
    ANALYST,
    ADMIN;

    /** The name used in users.json, tokens and on the command line. */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.trim();
        return Arrays.stream(values())
                .filter(r -> r.name().equalsIgnoreCase(wanted))
                .findFirst();
    }

    @JsonCreator
    public static Role fromJson(String text) {
        return parse(text)
                .orElseThrow(() ->
                        new IllegalArgumentException("unknown role '" + text + "' (expected one of " + names() + ")"));
    }

    /** "viewer, analyst, admin". */
    public static String names() {
        return Arrays.stream(values()).map(Role::id).collect(Collectors.joining(", "));
    }
}
