package io.vigil.query.notify;

import io.vigil.common.Globs;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/** A list of globs ({@code *} any run, {@code ?} one character); an empty list matches everything. */
record GlobList(List<String> globs, List<Pattern> patterns) {
    static GlobList of(List<String> globs) {
        return new GlobList(
                List.copyOf(globs), globs.stream().map(Globs::toPattern).toList());
    }

    boolean isEmpty() {
        return globs.isEmpty();
    }

    boolean matches(String value) {
        return isEmpty()
                || (value != null
                        && patterns.stream().anyMatch(p -> p.matcher(value).matches()));
    }

    boolean matchesAny(Collection<String> values) {
        return isEmpty()
                || values.stream()
                        .anyMatch(v ->
                                patterns.stream().anyMatch(p -> p.matcher(v).matches()));
    }
}
