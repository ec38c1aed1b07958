package io.vigil.query.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.vigil.common.Topics;
import io.vigil.query.testing.ElasticsearchTestSupport;
import io.vigil.query.testing.EsSeeder;
import io.vigil.query.testing.StoredLog;
import io.vigil.query.testing.TestUsers;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Paging past Elasticsearch's 10,000-hit window with the cursor, over 12,000 logs spread over two
 * daily indices, many sharing a timestamp (so the tiebreaker matters); new logs arriving between
 * pages neither shift nor repeat anything.
 */
@MicronautTest
class DeepPagingTest extends ElasticsearchTestSupport {
    private static final int LOGS = 12_000;
    private static final Instant START = Instant.now()
            .truncatedTo(ChronoUnit.DAYS)
            .minus(1, ChronoUnit.DAYS)
            .plus(23, ChronoUnit.HOURS); // 12,000 seconds from here cross midnight: two daily indices
    private EsSeeder seeder;

    @BeforeAll
    void seed() {
        seeder = resetIndices();
        List<EsSeeder.Doc> docs = new ArrayList<>();
        for (int i = 0; i < LOGS; i++) {
            // three logs per second: equal timestamps, told apart by their Kafka offset
            docs.add(doc(START.plusSeconds(i / 3), i, i % 2 == 0 ? "web-01" : "db-01"));
        }
        seeder.bulk(docs);
        seeder.refresh();
    }

    private EsSeeder.Doc doc(Instant ts, long offset, String host) {
        return StoredLog.of(ts, host, "LOW", "line " + offset)
                .kafka(0, offset)
                .ingested(ts)
                .in(seeder.indices());
    }

    @Test
    void theCursorReadsEveryLogOnceNewestFirstWhileNewOnesArrive() {
        Set<String> seen = new HashSet<>();
        List<Long> offsets = new ArrayList<>();
        String next = null;
        int pages = 0;
        long expectedTotal = LOGS;
        do {
            Reply reply = get(TestUsers.VIEWER, "/logs?size=500" + (next == null ? "" : "&after=" + next));
            assertEquals(200, reply.status(), reply.body());
            JsonNode page = reply.json();
            pages++;
            assertEquals(expectedTotal, page.path("total").asLong(), "exact total on every page");
            assertEquals(pages, page.path("page").asInt());
            for (JsonNode item : page.path("items")) {
                assertTrue(seen.add(item.path("id").asText()), "seen twice: " + item.path("id"));
                offsets.add(Long.parseLong(item.path("id").asText().substring((Topics.THREATS + "-0-").length())));
            }
            if (pages == 3) {
                // Newer logs arrive mid-way: they sort before the cursor and must not show up later.
                seeder.bulk(List.of(doc(Instant.now(), LOGS + 1, "web-01"), doc(Instant.now(), LOGS + 2, "db-01")));
                seeder.refresh();
                expectedTotal = LOGS + 2; // the total counts them; the pages after the cursor do not
            }
            next = page.path("next").isNull() ? null : page.path("next").asText();
        } while (next != null && pages < 100);

        assertEquals(LOGS / 500, pages);
        assertEquals(LOGS, seen.size());
        for (int i = 1; i < offsets.size(); i++) {
            assertTrue(offsets.get(i - 1) > offsets.get(i), "newest first, ties broken by offset");
        }
    }

    @Test
    void filtersAndTheCursorWorkTogetherPastTenThousand() {
        // Half the logs are web-01's (one more when the other test already added its new ones).
        String next = null;
        long total = -1;
        Set<String> seen = new HashSet<>();
        int requests = 0;
        do {
            JsonNode page = get(TestUsers.VIEWER, "/logs?host=web-01&size=500" + (next == null ? "" : "&after=" + next))
                    .json();
            total = total < 0 ? page.path("total").asLong() : total;
            page.path("items").forEach(item -> {
                assertEquals("web-01", item.path("host").asText());
                seen.add(item.path("id").asText());
            });
            next = page.path("next").isNull() ? null : page.path("next").asText();
        } while (next != null && ++requests < 100);
        assertTrue(total >= LOGS / 2, "total " + total);
        assertEquals(total, seen.size(), "every web-01 log once");
        // the first 10,000 still work by page number, the window's end says to use the cursor
        assertEquals(200, get(TestUsers.VIEWER, "/logs?page=20&size=500").status());
        JsonNode problem = get(TestUsers.VIEWER, "/logs?page=21&size=500").assertProblem(400);
        assertTrue(problem.path("detail").asText().contains("cursor"), problem.toString());
    }
}
