package io.vigil.query.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.vigil.common.Indices;
import io.vigil.query.es.Elasticsearch;
import io.vigil.query.testing.ElasticsearchTestSupport;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Retention against the real Elasticsearch: only daily log indices past the limit go. */
@MicronautTest
class LogRetentionTest extends ElasticsearchTestSupport {

    @Inject
    Elasticsearch es;

    @Test
    void deletesOnlyDailyLogIndicesOlderThanTheLimit() {
        Indices indices = new Indices(prefix());
        // 30 days kept on Nov 26: Oct 28 .. Nov 26.
        for (String index : List.of(
                "logs-2026.10.01",
                "logs-2026.10.27",
                "logs-2026.10.28",
                "logs-2026.11.26",
                "alerts",
                "logs-notadate")) {
            es.index(named(index), "one", es.mapper().createObjectNode().put("message", "x"));
        }
        Clock today = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);

        List<String> deleted = new LogRetention(es, indices, 30, today).deleteExpired();

        assertEquals(
                List.of(named("logs-2026.10.01"), named("logs-2026.10.27")),
                deleted.stream().sorted().toList());
        List<String> left = es.indexNames(named("*")).stream().sorted().toList();
        assertEquals(
                List.of(named("alerts"), named("logs-2026.10.28"), named("logs-2026.11.26"), named("logs-notadate")),
                left);
        assertEquals(List.of(), new LogRetention(es, indices, 0, today).deleteExpired(), "0 keeps everything");
    }

    /** An index of this class's prefix. */
    private String named(String suffix) {
        return prefix() + "-" + suffix;
    }
}
