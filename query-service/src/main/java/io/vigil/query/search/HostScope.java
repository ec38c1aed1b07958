package io.vigil.query.search;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.security.authentication.Authentication;
import io.vigil.query.security.Claims;

import java.util.List;

/**
 * The hosts a caller may see, from the {@code hosts} claim of their token (globs; empty means
 * every host). Every search, count, aggregation and stream adds {@link #addTo(Filters)}, and
 * documents read by id are checked with {@link #permits(String)}: a user limited to some hosts
 * never learns anything about the others, not even that a document exists.
 */
public final class HostScope {
    private static final HostScope ALL = new HostScope(List.of());

    private final List<String> globs;

    private HostScope(List<String> globs) {
        this.globs = List.copyOf(globs);
    }

    public static HostScope of(Authentication authentication) {
        return of(Claims.hosts(authentication));
    }

    public static HostScope of(List<String> globs) {
        return globs.isEmpty() ? ALL : new HostScope(globs);
    }

    public static HostScope all() {
        return ALL;
    }

    public boolean isLimited() {
        return !globs.isEmpty();
    }

    public List<String> globs() {
        return globs;
    }

    /** Adds "host matches one of the globs" to the filters (nothing for an unlimited caller). */
    public void addTo(Filters filters) {
        if (!isLimited()) {
            return;
        }
        ObjectNode anyAllowed = filters.mapper().createObjectNode();
        ObjectNode bool = anyAllowed.putObject("bool");
        var should = bool.putArray("should");
        globs.forEach(glob -> should.add(Filters.hostQuery(filters.mapper(), glob)));
        bool.put("minimum_should_match", 1);
        filters.add(anyAllowed);
    }

    /** Whether a document of this host may be shown; a document without a host only to unlimited callers. */
    public boolean permits(String host) {
        if (!isLimited()) {
            return true;
        }
        return host != null && globs.stream().anyMatch(glob -> Globs.matches(glob, host));
    }
}
