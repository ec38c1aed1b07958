package io.vigil.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.elasticsearch.action.DocWriteRequest;
import org.elasticsearch.action.bulk.BulkRequest;
import org.elasticsearch.action.bulk.BulkResponse;
import org.elasticsearch.action.delete.DeleteRequest;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.common.bytes.BytesArray;
import org.elasticsearch.common.bytes.BytesReference;
import org.elasticsearch.common.bytes.CompositeBytesReference;
import org.elasticsearch.common.xcontent.DeprecationHandler;
import org.elasticsearch.common.xcontent.NamedXContentRegistry;
import org.elasticsearch.common.xcontent.XContentType;
import org.elasticsearch.rest.RestStatus;
import org.junit.jupiter.api.Test;

/** The filtered bulk answer read back against its request (ElasticsearchBulkITCase compares it with the client's). */
class NdjsonBulkTest {
    private static final BulkRequest BULK = new BulkRequest()
            .add(new IndexRequest("vigil-logs-2026.12.06").id("threats-0-1").source("{}", XContentType.JSON))
            .add(new IndexRequest("vigil-logs-2026.12.06").id("threats-0-2").source("{}", XContentType.JSON))
            .add(new DeleteRequest("vigil-logs-2026.12.06", "threats-0-3"));

    @Test
    void theBodyIsTheDocumentsOwnJsonUnlessASourceHoldsARawNewline() throws IOException {
        assertThat(new String(NdjsonBulk.body(BULK), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("{\"index\":{\"_index\":\"vigil-logs-2026.12.06\",\"_id\":\"threats-0-1\"}}\n{}\n"
                        + "{\"index\":{\"_index\":\"vigil-logs-2026.12.06\",\"_id\":\"threats-0-2\"}}\n{}\n"
                        + "{\"delete\":{\"_index\":\"vigil-logs-2026.12.06\",\"_id\":\"threats-0-3\"}}\n");

        BulkRequest pretty =
                new BulkRequest().add(new IndexRequest("i").id("1").source("{\n  \"a\": 1\n}", XContentType.JSON));
        assertThat(NdjsonBulk.body(pretty))
                .as("would end its NDJSON line early")
                .isNull();
    }

    /** The scan reads only the source's own bytes of its backing array, and a source of several pieces. */
    @Test
    void aNewlineCountsOnlyWithinTheSource() {
        byte[] bytes = "\n{\"a\":1}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(NdjsonBulk.holdsNewline(new BytesArray(bytes, 1, bytes.length - 2)))
                .isFalse();
        assertThat(NdjsonBulk.holdsNewline(new BytesArray(bytes, 0, bytes.length - 1)))
                .isTrue();
        assertThat(NdjsonBulk.holdsNewline(new BytesArray(bytes, 1, bytes.length - 1)))
                .isTrue();
        assertThat(NdjsonBulk.holdsNewline(new BytesArray(new byte[0]))).isFalse();
        BytesReference pieces = CompositeBytesReference.of(
                new BytesArray("{\"a\":".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                new BytesArray("\n1}".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(NdjsonBulk.holdsNewline(pieces)).isTrue();
    }

    @Test
    void itemsTakeTheirIndexAndIdFromTheRequestAndStatusAndErrorFromTheAnswer() throws IOException {
        BulkResponse answer = NdjsonBulk.answer(
                BULK,
                parser("{\"took\":7,\"items\":[{\"index\":{\"status\":201}},"
                        + "{\"index\":{\"status\":400,\"error\":{\"type\":\"mapper_parsing_exception\","
                        + "\"reason\":\"failed to parse field [source]\"}}},{\"delete\":{\"status\":404}}]}"));

        assertThat(answer.getTook().millis()).isEqualTo(7);
        assertThat(answer.getItems()[0].isFailed()).isFalse();
        assertThat(answer.getItems()[0].status()).isEqualTo(RestStatus.CREATED);
        assertThat(answer.getItems()[0].getId()).isEqualTo("threats-0-1");
        assertThat(answer.getItems()[1].isFailed()).isTrue();
        assertThat(answer.getItems()[1].status()).isEqualTo(RestStatus.BAD_REQUEST);
        assertThat(answer.getItems()[1].getFailureMessage()).contains("failed to parse field [source]");
        assertThat(answer.getItems()[1].getIndex()).isEqualTo("vigil-logs-2026.12.06");
        assertThat(answer.getItems()[2].getOpType()).isEqualTo(DocWriteRequest.OpType.DELETE);
        assertThat(answer.getItems()[2].status()).isEqualTo(RestStatus.NOT_FOUND);
    }

    @Test
    void anOverwriteAndADeleteThatFoundItsDocumentAre200() throws IOException {
        BulkResponse answer = NdjsonBulk.answer(
                BULK,
                parser("{\"took\":1,\"items\":[{\"index\":{\"status\":200}},{\"index\":{\"status\":201}},"
                        + "{\"delete\":{\"status\":200}}]}"));

        assertThat(answer.hasFailures()).isFalse();
        assertThat(answer.getItems()[0].status()).isEqualTo(RestStatus.OK);
        assertThat(answer.getItems()[2].status()).isEqualTo(RestStatus.OK);
    }

    @Test
    void anAnswerWithTooFewOrTooManyItemsIsAnErrorNotASilentSuccess() {
        assertThatThrownBy(
                        () -> NdjsonBulk.answer(BULK, parser("{\"took\":1,\"items\":[{\"index\":{\"status\":201}}]}")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("1 of the bulk's 3");
        assertThatThrownBy(() -> NdjsonBulk.answer(BULK, parser("{\"took\":1}")))
                .isInstanceOf(IOException.class);
        String four = "{\"index\":{\"status\":201}},".repeat(3) + "{\"index\":{\"status\":201}}";
        assertThatThrownBy(() -> NdjsonBulk.answer(BULK, parser("{\"items\":[" + four + "]}")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("more items");
        assertThatThrownBy(() -> NdjsonBulk.answer(BULK, parser("{\"items\":[{\"index\":{}}]}")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("without a status");
    }

    private static org.elasticsearch.common.xcontent.XContentParser parser(String json) throws IOException {
        return XContentType.JSON
                .xContent()
                .createParser(NamedXContentRegistry.EMPTY, DeprecationHandler.THROW_UNSUPPORTED_OPERATION, json);
    }
}
