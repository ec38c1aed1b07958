package io.vigil.query.search;

import com.fasterxml.jackson.core.type.TypeReference;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/** The list envelope of CONTRACT.md: {@code {"items":[…],"total":N,"page":P,"size":S,"next":cursor|null}}. */
@Serdeable
public record Page(
        List<Map<String, Object>> items,
        long total,
        int page,
        int size,
        @Nullable String next) {
    public static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    public static Page empty(Paging paging) {
        return new Page(List.of(), 0, paging.page(), paging.size(), null);
    }
}
