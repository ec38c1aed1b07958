package io.vigil.query.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.common.Fields;
import io.vigil.query.search.ListSearch;
import io.vigil.query.search.Page;
import io.vigil.query.search.PageRequest;
import io.vigil.query.search.Paging;
import io.vigil.query.search.SortSpec;
import java.util.Map;

public final class LogQuery {
    public static final SortSpec SORT =
            SortSpec.timeThenKafkaPosition(true, Fields.TIMESTAMP, Fields.KAFKA_OFFSET, Fields.KAFKA_PARTITION);

    private final ListSearch search;
    private final ObjectMapper mapper;

    private LogQuery(ListSearch search, ObjectMapper mapper) {
        this.search = search;
        this.mapper = mapper;
    }

    /** @throws io.vigil.query.params.BadParameterException naming the first unusable parameter */
    public static LogQuery parse(LogFilter filter, PageRequest request, ObjectMapper mapper) {
        return new LogQuery(ListSearch.of(filter.toFilters(mapper), SORT, request), mapper);
    }

    public Paging paging() {
        return search.paging();
    }

    public ObjectNode searchBody() {
        return search.body(mapper);
    }

    public Page<Map<String, Object>> toPage(JsonNode answer) {
        return search.toPage(answer, mapper);
    }

    /** The answer when the logs alias does not exist yet. */
    public <T> Page<T> emptyPage() {
        return search.emptyPage();
    }
}
