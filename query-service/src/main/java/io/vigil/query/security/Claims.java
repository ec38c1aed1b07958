package io.vigil.query.security;

import io.micronaut.security.authentication.Authentication;
import java.util.Collection;
import java.util.List;

/** Names of Vigil's own JWT claims, and reading them back from an {@link Authentication}. */
public final class Claims {
    /** Host globs the user is limited to; empty means every host. */
    public static final String HOSTS = "hosts";

    private Claims() {}

    public static List<String> hosts(Authentication authentication) {
        Object value = authentication.getAttributes().get(HOSTS);
        if (value instanceof Collection<?> globs) {
            return globs.stream().map(String::valueOf).toList();
        }
        return List.of();
    }
}
