package io.vigil.detection.alert;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The bulk answer to the catalog's upload, read as JSON rather than searched as text. */
class RuleCatalogTest {
    private static final String ONE_REJECTED = """
            {"took": 3, "errors": true, "items": [
              {"index": {"_index": "vigil-rules", "_id": "sudo-root", "status": 200, "result": "updated"}},
              {"index": {"_index": "vigil-rules", "_id": "ssh-brute-force", "status": 400,
                "error": {"type": "mapper_parsing_exception", "reason": "failed to parse field [enabled] of type [boolean]"}}},
              {"index": {"_index": "vigil-rules", "_id": "port-scan", "status": 429,
                "error": {"type": "es_rejected_execution_exception", "reason": "rejected execution"}}}]}
            """;

    @Test
    void aRejectedItemIsReportedWithItsRuleAndReasonHoweverTheAnswerIsSpaced() {
        assertThatThrownBy(() -> RuleCatalog.checkBulkAnswer(ONE_REJECTED))
                .isInstanceOf(IOException.class)
                .hasMessage(
                        "Elasticsearch rejected 2 of 3 rule documents; the first, rule 'ssh-brute-force' (HTTP 400): "
                                + "mapper_parsing_exception: failed to parse field [enabled] of type [boolean]");
    }

    @Test
    void theSameAnswerWithoutSpacesSaysTheSame() {
        String compact = ONE_REJECTED.replaceAll("\\s*([{}\\[\\]:,])\\s*", "$1").strip();
        assertThatThrownBy(() -> RuleCatalog.checkBulkAnswer(compact))
                .hasMessageStartingWith(
                        "Elasticsearch rejected 2 of 3 rule documents; the first, rule 'ssh-brute-force' (HTTP 400)");
    }

    @Test
    void anAnswerWithoutErrorsPassesWhateverTextItHolds() {
        assertThatCode(() -> RuleCatalog.checkBulkAnswer("""
                {"took":3,"errors":false,"items":[{"index":{"_index":"vigil-rules","_id":"x","status":201,"result":"created"}}],"note":"\\"errors\\":true"}
                """)).doesNotThrowAnyException();
    }

    @Test
    void anAnswerThatIsNotABulkAnswerIsAnError() {
        assertThatThrownBy(() -> RuleCatalog.checkBulkAnswer("<html>proxy error</html>"))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("Elasticsearch's bulk answer is not JSON");
        assertThatThrownBy(() -> RuleCatalog.checkBulkAnswer("{\"ok\":true}"))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("Elasticsearch's bulk answer has no 'errors'");
    }
}
