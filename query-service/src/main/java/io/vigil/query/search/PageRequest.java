package io.vigil.query.search;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Parameter;

/**
 * The page a list endpoint is asked for, as sent: every list binds it with {@code @RequestBean},
 * so the parameters' names and descriptions are said once. {@link Paging} checks them.
 *
 * @param page  null for 1
 * @param size  null for the default
 * @param after null for none
 */
@Introspected
public record PageRequest(
        @Parameter(description = "1-based page") @Nullable @QueryValue
        String page,

        @Parameter(description = "1-" + Paging.MAX_SIZE + ", default " + Paging.DEFAULT_SIZE) @Nullable @QueryValue
        String size,

        @Parameter(description = "cursor: the 'next' of the previous page") @Nullable @QueryValue
        String after) {

    /** The first page of the default size. */
    public static final PageRequest FIRST = new PageRequest(null, null, null);
}
