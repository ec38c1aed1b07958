package io.vigil.query.notify;

import io.vigil.common.Severity;

/**
 * Which alerts a channel receives: at least {@code minSeverity}, and for each list that is not
 * empty, one match (any tag, the host, the host group, the rule id; globs allowed).
 */
record Route(Severity minSeverity, GlobList tags, GlobList hosts, GlobList hostGroups, GlobList rules) {

    /** @param hostGroup the alert's host group ({@code context.host_group} or the asset inventory), or null */
    boolean matches(AlertView alert, String hostGroup) {
        return alert.severity().compareTo(minSeverity) >= 0
                && tags.matchesAny(alert.tags())
                && hosts.matches(alert.host())
                && hostGroups.matches(hostGroup)
                && rules.matches(alert.ruleId());
    }
}
