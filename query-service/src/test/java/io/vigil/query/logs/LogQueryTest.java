package io.vigil.query.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The search body sent to Elasticsearch and the envelope read back, without an Elasticsearch. */
class LogQueryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void defaultsAreFirstPageOfFiftyNewestFirstWithExactTotal() throws Exception {
        LogQuery query = LogQuery.parse(null, null, null, List.of());

        assertEquals(json("{'from':0,'size':50,'track_total_hits':true,'query':{'match_all':{}},"
                + "'sort':[{'timestamp':{'order':'desc','unmapped_type':'date'}},{'_id':{'order':'desc'}}]}"),
                query.searchBody(JSON));
    }

    @Test
    void exactHostIsATermAndPagesSkipWhole() throws Exception {
        JsonNode body = LogQuery.parse("web-01", "3", "20", List.of()).searchBody(JSON);

        assertEquals(40, body.path("from").asInt());
        assertEquals(20, body.path("size").asInt());
        assertEquals(json("{'bool':{'filter':[{'term':{'host':{'value':'web-01'}}}]}}"), body.path("query"));
    }

    @Test
    void globHostIsAWildcardWithBackslashEscaped() throws Exception {
        JsonNode body = LogQuery.parse("web-?\\*", null, null, List.of()).searchBody(JSON);

        assertEquals("web-?\\\\*", body.at("/query/bool/filter/0/wildcard/host/value").asText());
    }

    @Test
    void hostLimitedUsersOnlySeeTheirHosts() throws Exception {
        JsonNode body = LogQuery.parse("web-01", null, null, List.of("web-*", "db-01")).searchBody(JSON);

        assertEquals(json("{'bool':{'filter':["
                + "{'term':{'host':{'value':'web-01'}}},"
                + "{'bool':{'should':[{'wildcard':{'host':{'value':'web-*'}}},{'term':{'host':{'value':'db-01'}}}],"
                + "'minimum_should_match':1}}]}}"), body.path("query"));
    }

    @Test
    void badValuesNameTheirParameter() {
        assertEquals("page", assertThrows(BadParameterException.class, () -> LogQuery.parse(null, "0", null, List.of())).parameter());
        assertEquals("page", assertThrows(BadParameterException.class, () -> LogQuery.parse(null, "1.5", null, List.of())).parameter());
        assertEquals("size", assertThrows(BadParameterException.class, () -> LogQuery.parse(null, null, "501", List.of())).parameter());
        assertEquals("size", assertThrows(BadParameterException.class, () -> LogQuery.parse(null, null, "-1", List.of())).parameter());
        assertEquals("host", assertThrows(BadParameterException.class, () -> LogQuery.parse(" ", null, null, List.of())).parameter());
        assertEquals("host", assertThrows(BadParameterException.class, () -> LogQuery.parse("h".repeat(256), null, null, List.of())).parameter());
    }

    @Test
    void theResultWindowEndsAtTenThousand() {
        assertEquals(20, LogQuery.parse(null, "20", "500", List.of()).page());
        BadParameterException tooDeep = assertThrows(BadParameterException.class,
                () -> LogQuery.parse(null, "21", "500", List.of()));
        assertTrue(tooDeep.getMessage().contains("cursor"), tooDeep.getMessage());
        assertThrows(BadParameterException.class, () -> LogQuery.parse(null, String.valueOf(Integer.MAX_VALUE), "500", List.of()));
    }

    @Test
    void itemsAreSourcePlusIdAndTheTotalIsES7s() throws Exception {
        JsonNode answer = json("{'took':3,'timed_out':false,'hits':{'total':{'value':1234,'relation':'eq'},"
                + "'max_score':null,'hits':["
                + "{'_index':'vigil-logs-2026.11.26','_type':'_doc','_id':'abc','_score':null,"
                + "'_source':{'timestamp':'2026-11-26T10:00:00Z','host':'web-01','cpu_usage':93.5,"
                + "'memory_usage':{'used':7516192768,'total':8589934592,'percentage':87.5},'id':'spoofed'},"
                + "'sort':[1795687200000,'abc']}]}}");

        Page page = LogQuery.parse(null, "2", "1", List.of()).toPage(answer, JSON);

        assertEquals(1234, page.total());
        assertEquals(2, page.page());
        assertEquals(1, page.size());
        assertNull(page.next());
        Map<String, Object> item = page.items().get(0);
        assertEquals("abc", item.get("id"));
        assertEquals("web-01", item.get("host"));
        assertEquals(93.5, item.get("cpu_usage"));
        assertEquals(7516192768L, ((Map<?, ?>) item.get("memory_usage")).get("used"));
    }

    @Test
    void aMissingIndexIsAnEmptyPage() {
        Page page = LogQuery.parse(null, "3", "10", List.of()).emptyPage();

        assertEquals(List.of(), page.items());
        assertEquals(0, page.total());
        assertEquals(3, page.page());
        assertEquals(10, page.size());
    }
}
