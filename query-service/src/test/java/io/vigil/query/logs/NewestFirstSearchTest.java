package io.vigil.query.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.vigil.query.es.Elasticsearch;
import io.vigil.query.search.HostScope;
import io.vigil.query.search.Page;
import io.vigil.query.search.PageRequest;
import io.vigil.query.testing.ElasticsearchTestSupport;
import io.vigil.query.testing.EsSeeder;
import io.vigil.query.testing.StoredLog;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The windowed search gives exactly the pages of one plain search: same items in the same order,
 * same total, same cursors. Run with no "small result" shortcut, over logs whose density changes
 * from thousands in one second to a few a day, so that every window size is chosen somewhere.
 */
@MicronautTest
class NewestFirstSearchTest extends ElasticsearchTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Inject
    Elasticsearch elasticsearch;

    private EsSeeder seeder;

    @BeforeAll
    void seed() {
        seeder = resetIndices();
        List<EsSeeder.Doc> docs = new ArrayList<>();
        int offset = 0;
        // 1,500 in one second (equal times: the tiebreaker decides), a minute before now
        for (int i = 0; i < 1_500; i++) {
            docs.add(doc(NOW.minusSeconds(60), offset++));
        }
        // 1,000 over the two hours before that
        for (int i = 0; i < 1_000; i++) {
            docs.add(doc(NOW.minusSeconds(61 + i * 7L), offset++));
        }
        // 500 in one minute three days ago, and 300 over the five days before now
        for (int i = 0; i < 500; i++) {
            docs.add(doc(NOW.minus(Duration.ofDays(3)).plusMillis(i * 120L), offset++));
        }
        for (int i = 0; i < 300; i++) {
            docs.add(doc(NOW.minus(Duration.ofMinutes(5L * 24 * 60 * i / 300)), offset++));
        }
        seeder.bulk(docs);
        seeder.refresh();
    }

    private EsSeeder.Doc doc(Instant ts, int offset) {
        return StoredLog.of(
                        ts, offset % 3 == 0 ? "web-01" : "db-01", offset % 5 == 0 ? "HIGH" : "LOW", "line " + offset)
                .kafka(offset % 2, offset)
                .in(seeder.indices());
    }

    private Page<Map<String, Object>> page(boolean windowed, LogFilter filter, String page, String size, String after) {
        LogQuery query = LogQuery.parse(filter, new PageRequest(page, size, after), JSON);
        String alias = seeder.indices().logsAlias();
        return (windowed
                        ? new NewestFirstSearch(elasticsearch, 0).run(alias, query)
                        : elasticsearch.search(alias, query.searchBody()))
                .map(query::toPage)
                .orElseThrow();
    }

    private static LogFilter filter(String host, String severity, String from) {
        return LogFilter.parse(host, severity, from, null, null, null, HostScope.all(), NOW.plusSeconds(1));
    }

    private void assertSamePages(LogFilter filter, String size) {
        String after = null;
        int pages = 0;
        do {
            Page<Map<String, Object>> plain = page(false, filter, null, size, after);
            Page<Map<String, Object>> windowed = page(true, filter, null, size, after);
            assertSame(plain, windowed, "page " + (pages + 1) + " of size " + size);
            after = plain.next();
            pages++;
        } while (after != null);
        assertTrue(pages > 1, "more than one page");
    }

    /** Ids, total and cursor compared on their own first, so that a failure says which differs in few words. */
    private static void assertSame(Page<Map<String, Object>> plain, Page<Map<String, Object>> windowed, String which) {
        assertEquals(ids(plain), ids(windowed), which + ": items");
        assertEquals(plain.total(), windowed.total(), which + ": total");
        assertEquals(plain.next(), windowed.next(), which + ": next");
        assertTrue(plain.equals(windowed), which + ": the same documents");
    }

    private static List<Object> ids(Page<Map<String, Object>> page) {
        return page.items().stream().map(item -> item.get("id")).toList();
    }

    @Test
    void cursorPagesAreThoseOfAPlainSearch() {
        assertSamePages(filter(null, null, null), "500");
        assertSamePages(filter(null, null, null), "7");
        assertSamePages(filter("web-01", "HIGH", null), "40");
        assertSamePages(filter(null, "LOW", "now-4d"), "250");
    }

    @Test
    void numberedPagesAreThoseOfAPlainSearch() {
        for (int number = 1; number <= 7; number++) {
            String page = String.valueOf(number);
            LogFilter all = filter(null, null, null);
            assertSame(page(false, all, page, "500", null), page(true, all, page, "500", null), "page " + page);
            LogFilter web = filter("web-01", null, null);
            assertSame(page(false, web, page, "100", null), page(true, web, page, "100", null), "page " + page);
        }
    }

    @Test
    void nothingMatchingIsAnEmptyPage() {
        Page none = page(true, filter("nobody", null, null), null, "50", null);
        assertEquals(0, none.total());
        assertTrue(none.items().isEmpty());
    }
}
