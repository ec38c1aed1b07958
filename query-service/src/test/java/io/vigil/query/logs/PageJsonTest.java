package io.vigil.query.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.serde.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.vigil.query.ServiceTestSupport;
import io.vigil.query.search.HostScope;
import io.vigil.query.search.Page;
import io.vigil.query.search.PageRequest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The envelope as the server writes it: every field present, even empty or null ones. */
@MicronautTest
class PageJsonTest extends ServiceTestSupport {
    @Inject
    ObjectMapper serde;

    @Test
    void emptyPageKeepsItemsAndNullNext() throws Exception {
        String json = serde.writeValueAsString(LogQuery.parse(
                        LogFilter.parse(null, null, null, null, null, null, HostScope.all(), java.time.Instant.now()),
                        new PageRequest("2", "10", null),
                        JSON)
                .emptyPage());

        assertEquals(
                JSON.readTree("{\"items\":[],\"total\":0,\"page\":2,\"size\":10,\"next\":null}"), JSON.readTree(json));
    }

    @Test
    void itemsKeepNestedDocuments() throws Exception {
        Page page = new Page(
                List.of(Map.of(
                        "id",
                        "x",
                        "memory_usage",
                        Map.of("used", 1L, "percentage", 87.5),
                        "threats",
                        List.of(Map.of("rule_id", "r1")))),
                1,
                1,
                50,
                null);

        assertEquals(
                JSON.readTree("{\"items\":[{\"id\":\"x\",\"memory_usage\":{\"used\":1,\"percentage\":87.5},"
                        + "\"threats\":[{\"rule_id\":\"r1\"}]}],\"total\":1,\"page\":1,\"size\":50,\"next\":null}"),
                JSON.readTree(serde.writeValueAsString(page)));
    }
}
