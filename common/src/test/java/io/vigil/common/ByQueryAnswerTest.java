package io.vigil.common;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Delete-by-query answers that list failures under a 200 ({@link ElasticsearchRest#checkByQueryAnswer}):
 * a 7.10 node gives them the failures' status, but a task's answer or a proxy may not. What a real
 * node answers is in RuleCatalogITCase (flink-job).
 */
class ByQueryAnswerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REQUEST = "POST http://es:9200/vigil-rules/_delete_by_query";

    @Test
    void aDocumentThatWasNotDeletedIsReportedWithItsIdAndReason() {
        String answer = """
                {"took": 5, "timed_out": false, "total": 2, "deleted": 0, "failures": [
                  {"index": "vigil-rules", "type": "_doc", "id": "old-rule", "status": 403,
                   "cause": {"type": "cluster_block_exception", "reason": "index [vigil-rules] blocked"}},
                  {"index": "vigil-rules", "type": "_doc", "id": "older-rule", "status": 403,
                   "cause": {"type": "cluster_block_exception", "reason": "index [vigil-rules] blocked"}}]}
                """;
        assertThatThrownBy(() -> ElasticsearchRest.checkByQueryAnswer(REQUEST, JSON.readTree(answer)))
                .isInstanceOf(IOException.class)
                .hasMessage(REQUEST + ": Elasticsearch reported 2 failures; the first, 'old-rule' in vigil-rules"
                        + " (HTTP 403): cluster_block_exception: index [vigil-rules] blocked");
    }

    @Test
    void aShardTheSearchFailedOnIsReportedWithItsReason() {
        String answer = """
                {"total": 0, "deleted": 0, "failures": [{"index": "vigil-rules", "shard": 1, "node": "n1",
                  "status": 400, "reason": {"type": "query_shard_exception", "reason": "failed to create query"}}]}
                """;
        assertThatThrownBy(() -> ElasticsearchRest.checkByQueryAnswer(REQUEST, JSON.readTree(answer)))
                .hasMessage(REQUEST + ": Elasticsearch reported 1 failure; the first, shard 1 of vigil-rules"
                        + " (HTTP 400): query_shard_exception: failed to create query");
    }

    @Test
    void anAnswerWithoutFailuresPasses() {
        assertThatCode(() -> ElasticsearchRest.checkByQueryAnswer(
                        REQUEST, JSON.readTree("{\"total\":2,\"deleted\":2,\"failures\":[]}")))
                .doesNotThrowAnyException();
    }
}
