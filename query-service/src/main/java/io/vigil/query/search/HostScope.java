package io.vigil.query.search;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.security.authentication.Authentication;
import io.vigil.common.Globs;
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

    /**
     * For documents about several hosts (an alert's {@code hosts}: every host that contributed
     * evidence): adds "every one of them is in scope", so a user limited to {@code web-*} never
     * sees an alert whose evidence includes {@code db-01}. Documents without the list are judged by
     * their single {@code fallbackField} (alerts written before {@code hosts} existed).
     *
     * <p>"Every value matches" is not a query Elasticsearch has for a multi-valued keyword (a term
     * or wildcard query on a list matches when <em>any</em> value does), so it is asked the other
     * way round: no value matches the complement of the globs, a {@code regexp} query with
     * Lucene's {@code ~} (COMPLEMENT) operator. That is one automaton per search, evaluated
     * against the terms index like any regexp: no script, exact.
     */
    public void addEveryHostTo(Filters filters, String hostsField, String fallbackField) {
        if (!isLimited()) {
            return;
        }
        var mapper = filters.mapper();
        ObjectNode either = mapper.createObjectNode();
        ObjectNode bool = either.putObject("bool");
        var should = bool.putArray("should");

        ObjectNode withList = should.addObject().putObject("bool");
        withList.putArray("filter").addObject().putObject("exists").put("field", hostsField);
        ObjectNode outside =
                withList.putArray("must_not").addObject().putObject("regexp").putObject(hostsField);
        outside.put(
                "value",
                "~("
                        + String.join(
                                "|", globs.stream().map(Globs::toLuceneRegexp).toList()) + ")");
        outside.put("flags", "COMPLEMENT");

        ObjectNode withoutList = should.addObject().putObject("bool");
        withoutList.putArray("must_not").addObject().putObject("exists").put("field", hostsField);
        var anyAllowed = withoutList.putArray("filter").addObject().putObject("bool");
        var anyOf = anyAllowed.putArray("should");
        globs.forEach(glob -> anyOf.add(Filters.hostQuery(mapper, fallbackField, glob)));
        anyAllowed.put("minimum_should_match", 1);

        bool.put("minimum_should_match", 1);
        filters.add(either);
    }

    /** Whether a document of this host may be shown; a document without a host only to unlimited callers. */
    public boolean permits(String host) {
        if (!isLimited()) {
            return true;
        }
        return host != null && globs.stream().anyMatch(glob -> Globs.matches(glob, host));
    }

    /**
     * Whether a document about all these hosts may be shown: every one must be in scope (the Java
     * twin of {@link #addEveryHostTo}). An empty list only to unlimited callers.
     */
    public boolean permitsEvery(List<String> hosts) {
        if (!isLimited()) {
            return true;
        }
        return !hosts.isEmpty() && hosts.stream().allMatch(this::permits);
    }
}
