package io.vigil.query.search;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A short, unpaged list: {@code {"items":[…],"total":N}} (rules, an alert's history, notification
 * channels). Generic in its items, like {@link Page}, so that the OpenAPI document describes them.
 */
@Serdeable
public record ItemList<T>(List<T> items, long total) {
    /** Every item of a list that is whole: its total is its size. */
    public static <T> ItemList<T> of(List<T> items) {
        return new ItemList<>(items, items.size());
    }
}
