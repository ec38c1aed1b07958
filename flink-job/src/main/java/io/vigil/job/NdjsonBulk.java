package io.vigil.job;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.elasticsearch.ElasticsearchStatusException;
import org.elasticsearch.action.DocWriteRequest;
import org.elasticsearch.action.bulk.BulkRequest;
import org.elasticsearch.action.bulk.BulkResponse;
import org.elasticsearch.action.delete.DeleteRequest;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.action.support.WriteRequest;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestHighLevelClient;
import org.elasticsearch.common.bytes.BytesReference;
import org.elasticsearch.common.lucene.uid.Versions;
import org.elasticsearch.common.xcontent.DeprecationHandler;
import org.elasticsearch.common.xcontent.NamedXContentRegistry;
import org.elasticsearch.common.xcontent.XContentBuilder;
import org.elasticsearch.common.xcontent.XContentFactory;
import org.elasticsearch.common.xcontent.XContentParser;
import org.elasticsearch.common.xcontent.XContentType;
import org.elasticsearch.index.VersionType;
import org.elasticsearch.index.seqno.SequenceNumbers;
import org.elasticsearch.rest.RestStatus;

/**
 * Sends a bulk as the documents' JSON, byte for byte. The high-level client's bulk parses every
 * document's source and writes it out again ({@code RequestConverters.bulk} copies each source's
 * structure into the body), although the job's documents already are compact JSON: in the bench
 * that copy was a tenth of the stack's non-Elasticsearch CPU (issue 18). A bulk this cannot
 * write as is (updates, routing, versions, a pipeline, a source with a raw newline, which would
 * end its NDJSON line) goes through the high-level client unchanged.
 *
 * <p>Answers mean what the client's mean: the response is parsed by {@link BulkResponse#fromXContent},
 * and a whole request refused with a status becomes the client's
 * {@link ElasticsearchStatusException}, which the sender retries when it is busy.
 */
final class NdjsonBulk implements ElasticsearchBulk.BulkCall {
    private static final ContentType NDJSON = ContentType.create("application/x-ndjson");
    private static final byte NEWLINE = '\n';

    private final RestHighLevelClient client;

    NdjsonBulk(RestHighLevelClient client) {
        this.client = client;
    }

    @Override
    public BulkResponse send(BulkRequest bulk) throws IOException {
        byte[] body = body(bulk);
        if (body == null) {
            return client.bulk(bulk, RequestOptions.DEFAULT);
        }
        Request request = new Request("POST", "/_bulk");
        if (bulk.timeout() != null) {
            request.addParameter("timeout", bulk.timeout().getStringRep());
        }
        if (bulk.getRefreshPolicy() != WriteRequest.RefreshPolicy.NONE) {
            request.addParameter("refresh", bulk.getRefreshPolicy().getValue());
        }
        request.setEntity(new ByteArrayEntity(body, NDJSON));
        Response response;
        try {
            response = client.getLowLevelClient().performRequest(request);
        } catch (ResponseException e) {
            int status = e.getResponse().getStatusLine().getStatusCode();
            throw new ElasticsearchStatusException(
                    "Elasticsearch answered the bulk with " + status + ": " + e.getMessage(),
                    RestStatus.fromCode(status),
                    e);
        }
        try (InputStream in = response.getEntity().getContent();
                XContentParser parser = XContentType.JSON
                        .xContent()
                        .createParser(
                                NamedXContentRegistry.EMPTY, DeprecationHandler.THROW_UNSUPPORTED_OPERATION, in)) {
            return BulkResponse.fromXContent(parser);
        }
    }

    /** The NDJSON body, or null when some action needs the client's own conversion. */
    static byte[] body(BulkRequest bulk) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(
                (int) Math.min(Integer.MAX_VALUE - 8, bulk.estimatedSizeInBytes() + 128L * bulk.numberOfActions()));
        for (DocWriteRequest<?> action : bulk.requests()) {
            if (!plain(action)) {
                return null;
            }
            BytesReference source = null;
            if (action instanceof IndexRequest index) {
                if (index.getContentType() != XContentType.JSON
                        || index.getPipeline() != null
                        || index.isRequireAlias()) {
                    return null;
                }
                source = index.source();
                if (source.indexOf(NEWLINE, 0) >= 0) {
                    return null;
                }
            } else if (!(action instanceof DeleteRequest)) {
                return null;
            }
            try (XContentBuilder meta = XContentFactory.jsonBuilder(out)) {
                meta.startObject().startObject(action.opType().getLowercase()).field("_index", action.index());
                if (action.id() != null) {
                    meta.field("_id", action.id());
                }
                meta.endObject().endObject();
            }
            out.write(NEWLINE);
            if (source != null) {
                source.writeTo(out);
                out.write(NEWLINE);
            }
        }
        return out.toByteArray();
    }

    /** No routing, versioning or compare-and-set: the action line is index and id alone. */
    private static boolean plain(DocWriteRequest<?> action) {
        return action.routing() == null
                && action.version() == Versions.MATCH_ANY
                && action.versionType() == VersionType.INTERNAL
                && action.ifSeqNo() == SequenceNumbers.UNASSIGNED_SEQ_NO
                && action.ifPrimaryTerm() == SequenceNumbers.UNASSIGNED_PRIMARY_TERM;
    }
}
