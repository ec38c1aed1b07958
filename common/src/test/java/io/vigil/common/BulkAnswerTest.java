package io.vigil.common;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Bulk answers no real node gives but a proxy or a reformatting hop may, read as JSON rather
 * than searched as text ({@link ElasticsearchRest#checkBulkAnswer}). What a real node answers is
 * in ElasticsearchRestITCase (embedded-services, next to the node).
 */
class BulkAnswerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REQUEST = "POST http://es:9200/_bulk";

    private static final String TWO_REFUSED = """
            {"took": 3, "errors": true, "items": [
              {"index": {"_index": "vigil-rules", "_id": "sudo-root", "status": 200, "result": "updated"}},
              {"index": {"_index": "vigil-rules", "_id": "ssh-brute-force", "status": 400,
                "error": {"type": "mapper_parsing_exception", "reason": "failed to parse field [enabled] of type [boolean]"}}},
              {"index": {"_index": "vigil-rules", "_id": "port-scan", "status": 429,
                "error": {"type": "es_rejected_execution_exception", "reason": "rejected execution"}}}]}
            """;

    @Test
    void aRefusedItemIsReportedWithItsIdAndReasonHoweverTheAnswerIsSpaced() {
        assertThatThrownBy(() -> ElasticsearchRest.checkBulkAnswer(REQUEST, JSON.readTree(TWO_REFUSED)))
                .isInstanceOf(IOException.class)
                .hasMessage("POST http://es:9200/_bulk: Elasticsearch refused 2 of 3 documents; the first,"
                        + " 'ssh-brute-force' in vigil-rules (HTTP 400): "
                        + "mapper_parsing_exception: failed to parse field [enabled] of type [boolean]");
    }

    @Test
    void anAnswerWithoutErrorsPassesWhateverTextItHolds() throws Exception {
        JsonNode answer = JSON.readTree("""
                {"took":3,"errors":false,"items":[{"index":{"_index":"vigil-rules","_id":"x","status":201,"result":"created"}}],"note":"\\"errors\\":true"}
                """);
        assertThatCode(() -> ElasticsearchRest.checkBulkAnswer(REQUEST, answer)).doesNotThrowAnyException();
    }

    @Test
    void anAnswerThatIsNotABulkAnswerIsAnError() throws Exception {
        assertThatThrownBy(() -> ElasticsearchRest.checkBulkAnswer(REQUEST, JSON.readTree("{\"ok\":true}")))
                .isInstanceOf(IOException.class)
                .hasMessage("POST http://es:9200/_bulk: not a bulk answer (no 'errors'): {\"ok\":true}");
    }

    @Test
    void errorsWithoutAFailedItemIsStillAnError() throws Exception {
        JsonNode answer = JSON.readTree("{\"errors\":true,\"items\":[]}");
        assertThatThrownBy(() -> ElasticsearchRest.checkBulkAnswer(REQUEST, answer))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("POST http://es:9200/_bulk: Elasticsearch refused items without naming one");
    }
}
