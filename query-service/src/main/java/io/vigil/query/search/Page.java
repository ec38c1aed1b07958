package io.vigil.query.search;

import com.fasterxml.jackson.core.type.TypeReference;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The list envelope of CONTRACT.md: {@code {"items":[…],"total":N,"page":P,"size":S,"next":cursor|null}}.
 * Generic in its items so that the OpenAPI document describes a list of typed items (alerts,
 * logs, dead letters, notifications) item by item.
 */
@Serdeable
public record Page<T>(
        List<T> items,
        long total,
        int page,
        int size,
        @Nullable String next) {
    public static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    public static <T> Page<T> empty(Paging paging) {
        return new Page<>(List.of(), 0, paging.page(), paging.size(), null);
    }

    /** The same page with every item turned into another type (a stored document into its typed answer). */
    public <R> Page<R> map(Function<? super T, ? extends R> item) {
        return new Page<>(items.stream().<R>map(item).toList(), total, page, size, next);
    }
}
