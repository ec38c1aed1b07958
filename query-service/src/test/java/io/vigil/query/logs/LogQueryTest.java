package io.vigil.query.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.query.params.BadParameterException;
import io.vigil.query.search.HostScope;
import io.vigil.query.search.Page;
import io.vigil.query.search.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The search body sent to Elasticsearch and the envelope read back, without an Elasticsearch. */
class LogQueryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    private static LogFilter filter(String host, List<String> scope) {
        return LogFilter.parse(host, null, null, null, null, null, HostScope.of(scope), NOW);
    }

    private static LogQuery query(String host, String page, String size, List<String> scope) {
        return LogQuery.parse(filter(host, scope), new PageRequest(page, size, null), JSON);
    }

    @Test
    void defaultsAreFirstPageOfFiftyNewestFirstWithExactTotal() throws Exception {
        assertEquals(
                json("{'from':0,'size':50,'track_total_hits':true,'query':{'match_all':{}},"
                        + "'sort':[{'timestamp':{'order':'desc','unmapped_type':'date'}},"
                        + "{'kafka.offset':{'order':'desc','unmapped_type':'long'}},"
                        + "{'kafka.partition':{'order':'desc','unmapped_type':'integer'}},"
                        + "{'topic':{'order':'desc','unmapped_type':'keyword'}}]}"),
                query(null, null, null, List.of()).searchBody());
    }

    @Test
    void exactHostIsATermAndPagesSkipWhole() throws Exception {
        JsonNode body = query("web-01", "3", "20", List.of()).searchBody();

        assertEquals(40, body.path("from").asInt());
        assertEquals(20, body.path("size").asInt());
        assertEquals(json("{'bool':{'filter':[{'term':{'host':{'value':'web-01'}}}]}}"), body.path("query"));
    }

    @Test
    void globHostIsAWildcardWithEscapesAsEveryGlobHasThem() {
        // \* is a literal star (io.vigil.common.Globs); any other backslash is itself, escaped for Elasticsearch
        JsonNode star = query("web-?\\*", null, null, List.of()).searchBody();
        assertEquals(
                "web-?\\*", star.at("/query/bool/filter/0/wildcard/host/value").asText());

        JsonNode backslash = query("web\\x*", null, null, List.of()).searchBody();
        assertEquals(
                "web\\\\x*",
                backslash.at("/query/bool/filter/0/wildcard/host/value").asText());
    }

    @Test
    void hostLimitedUsersOnlySeeTheirHosts() throws Exception {
        JsonNode body = query("web-01", null, null, List.of("web-*", "db-01")).searchBody();

        assertEquals(
                json("{'bool':{'filter':["
                        + "{'term':{'host':{'value':'web-01'}}},"
                        + "{'bool':{'should':[{'wildcard':{'host':{'value':'web-*'}}},{'term':{'host':{'value':'db-01'}}}],"
                        + "'minimum_should_match':1}}]}}"),
                body.path("query"));
    }

    @Test
    void everyFilterBecomesAFilterClause() throws Exception {
        LogFilter filter = LogFilter.parse(
                "db-*",
                "high,CRITICAL",
                "now-15m",
                "2026-11-26T12:00:00Z",
                "failed password",
                "event",
                HostScope.all(),
                NOW);
        JsonNode clauses = LogQuery.parse(filter, PageRequest.FIRST, JSON)
                .searchBody()
                .path("query")
                .path("bool")
                .path("filter");

        assertEquals(json("{'wildcard':{'host':{'value':'db-*'}}}"), clauses.get(0));
        assertEquals(json("{'terms':{'severity':['HIGH','CRITICAL']}}"), clauses.get(1));
        assertEquals(
                json("{'range':{'timestamp':{'gte':" + NOW.minusSeconds(900).toEpochMilli() + ",'lt':"
                        + NOW.toEpochMilli() + ",'format':'epoch_millis'}}}"),
                clauses.get(2));
        assertEquals(json("{'term':{'kind':{'value':'event'}}}"), clauses.get(3));
        JsonNode text = clauses.get(4).path("simple_query_string");
        assertEquals("failed password", text.path("query").asText());
        assertEquals(json("['message']"), text.path("fields"));
    }

    @Test
    void badValuesNameTheirParameter() {
        assertEquals(
                "page",
                assertThrows(BadParameterException.class, () -> query(null, "0", null, List.of()))
                        .parameter());
        assertEquals(
                "page",
                assertThrows(BadParameterException.class, () -> query(null, "1.5", null, List.of()))
                        .parameter());
        assertEquals(
                "size",
                assertThrows(BadParameterException.class, () -> query(null, null, "501", List.of()))
                        .parameter());
        assertEquals(
                "size",
                assertThrows(BadParameterException.class, () -> query(null, null, "-1", List.of()))
                        .parameter());
        assertEquals(
                "host",
                assertThrows(BadParameterException.class, () -> filter(" ", List.of()))
                        .parameter());
        assertEquals(
                "host",
                assertThrows(BadParameterException.class, () -> filter("h".repeat(256), List.of()))
                        .parameter());
        assertEquals(
                "severity",
                assertThrows(
                                BadParameterException.class,
                                () -> LogFilter.parse(
                                        null, "HIGH,URGENT", null, null, null, null, HostScope.all(), NOW))
                        .parameter());
        assertEquals(
                "from",
                assertThrows(
                                BadParameterException.class,
                                () -> LogFilter.parse(null, null, "yesterday", null, null, null, HostScope.all(), NOW))
                        .parameter());
        assertEquals(
                "to",
                assertThrows(
                                BadParameterException.class,
                                () -> LogFilter.parse(null, null, null, "now-5x", null, null, HostScope.all(), NOW))
                        .parameter());
        assertEquals(
                "from",
                assertThrows(
                                BadParameterException.class,
                                () -> LogFilter.parse(null, null, "now", "now-1h", null, null, HostScope.all(), NOW))
                        .parameter());
        assertEquals(
                "q",
                assertThrows(
                                BadParameterException.class,
                                () -> LogFilter.parse(
                                        null, null, null, null, "x".repeat(10_240), null, HostScope.all(), NOW))
                        .parameter());
        assertEquals(
                "kind",
                assertThrows(
                                BadParameterException.class,
                                () -> LogFilter.parse(null, null, null, null, null, "metrics", HostScope.all(), NOW))
                        .parameter());
        assertEquals(
                "after",
                assertThrows(
                                BadParameterException.class,
                                () -> LogQuery.parse(
                                        filter(null, List.of()), new PageRequest(null, null, "not-a-cursor"), JSON))
                        .parameter());
    }

    @Test
    void theResultWindowEndsAtTenThousand() {
        assertEquals(20, query(null, "20", "500", List.of()).paging().page());
        BadParameterException tooDeep =
                assertThrows(BadParameterException.class, () -> query(null, "21", "500", List.of()));
        assertTrue(tooDeep.getMessage().contains("cursor"), tooDeep.getMessage());
        assertThrows(
                BadParameterException.class, () -> query(null, String.valueOf(Integer.MAX_VALUE), "500", List.of()));
    }

    @Test
    void itemsAreSourcePlusIdAndTheTotalIsES7s() throws Exception {
        JsonNode answer = json("{'took':3,'timed_out':false,'hits':{'total':{'value':1234,'relation':'eq'},"
                + "'max_score':null,'hits':["
                + "{'_index':'vigil-logs-2026.11.26','_type':'_doc','_id':'abc','_score':null,"
                + "'_source':{'timestamp':'2026-11-26T10:00:00Z','host':'web-01','cpu_usage':93.5,"
                + "'memory_usage':{'used':7516192768,'total':8589934592,'percentage':87.5},'id':'spoofed'},"
                + "'sort':[1795687200000,7,0,'system-metrics']}]}}");

        Page<Map<String, Object>> page = query(null, "2", "1", List.of()).toPage(answer);

        assertEquals(1234, page.total());
        assertEquals(2, page.page());
        assertEquals(1, page.size());
        assertNotNull(page.next(), "1234 hits: pages follow");
        Map<String, Object> item = page.items().get(0);
        assertEquals("abc", item.get("id"));
        assertEquals("web-01", item.get("host"));
        assertEquals(93.5, item.get("cpu_usage"));
        assertEquals(7516192768L, ((Map<?, ?>) item.get("memory_usage")).get("used"));
    }

    @Test
    void theCursorLeadsOnFromTheLastHitAndOnlyForTheSameFilters() throws Exception {
        JsonNode answer = json("{'hits':{'total':{'value':3},'hits':["
                + "{'_id':'a','_source':{},'sort':[20,2,0,'threat-logs']},"
                + "{'_id':'b','_source':{},'sort':[10,1,0,'threat-logs']}]}}");
        String next = query("web-01", null, "2", List.of()).toPage(answer).next();

        JsonNode body = LogQuery.parse(filter("web-01", List.of()), new PageRequest(null, "2", next), JSON)
                .searchBody();
        assertEquals(0, body.path("from").asInt());
        assertEquals("[10,1,0,\"threat-logs\"]", body.path("search_after").toString());
        BadParameterException other = assertThrows(
                BadParameterException.class,
                () -> LogQuery.parse(filter("web-02", List.of()), new PageRequest(null, "2", next), JSON));
        assertEquals("after", other.parameter());
    }

    @Test
    void aMissingIndexIsAnEmptyPage() {
        Page<Map<String, Object>> page = query(null, "3", "10", List.of()).emptyPage();

        assertEquals(List.of(), page.items());
        assertEquals(0, page.total());
        assertEquals(3, page.page());
        assertEquals(10, page.size());
        assertNull(page.next());
    }
}
