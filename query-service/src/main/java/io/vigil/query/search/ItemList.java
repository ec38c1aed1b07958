package io.vigil.query.search;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/** A short, unpaged list: {@code {"items":[…],"total":N}} (rules, an alert's history). */
@Serdeable
public record ItemList(List<Map<String, Object>> items, long total) {}
