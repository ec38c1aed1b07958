package io.vigil.job;

import static org.elasticsearch.common.xcontent.XContentParserUtils.ensureExpectedToken;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.apache.lucene.util.BytesRef;
import org.elasticsearch.ElasticsearchException;
import org.elasticsearch.ElasticsearchStatusException;
import org.elasticsearch.action.DocWriteRequest;
import org.elasticsearch.action.DocWriteResponse;
import org.elasticsearch.action.bulk.BulkItemResponse;
import org.elasticsearch.action.bulk.BulkRequest;
import org.elasticsearch.action.bulk.BulkResponse;
import org.elasticsearch.action.delete.DeleteRequest;
import org.elasticsearch.action.delete.DeleteResponse;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.action.index.IndexResponse;
import org.elasticsearch.action.support.WriteRequest;
import org.elasticsearch.action.support.replication.ReplicationResponse;
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
import org.elasticsearch.index.shard.ShardId;
import org.elasticsearch.rest.RestStatus;

/**
 * Sends a bulk as the documents' JSON, byte for byte. The high-level client's bulk parses every
 * document's source and writes it out again ({@code RequestConverters.bulk} copies each source's
 * structure into the body), although the job's documents already are compact JSON: in the bench
 * that copy was a tenth of the stack's non-Elasticsearch CPU (issue 18). A bulk this cannot
 * write as is (updates, routing, versions, a pipeline, a source with a raw newline, which would
 * end its NDJSON line) goes through the high-level client unchanged.
 *
 * <p>Answers mean what the client's mean, item for item: status, failure and its message. Elasticsearch
 * is asked for only each item's status and error ({@code filter_path}), not its index, id, version,
 * sequence number and shard header: those are the request's own, and rendering, sending and
 * parsing them for every document of a 5,000-action bulk cost the stack more CPU than the job's
 * bulk writing (issue 18). A whole request refused with a status becomes the client's
 * {@link ElasticsearchStatusException}, which the sender retries when it is busy.
 */
final class NdjsonBulk implements ElasticsearchBulk.BulkCall {
    private static final ContentType NDJSON = ContentType.create("application/x-ndjson");
    private static final byte NEWLINE = '\n';
    private static final String ANSWER_FIELDS = "took,items.*.status,items.*.error";

    /** Elasticsearch 7's one mapping type. */
    private static final String TYPE = "_doc";

    /** The shard header Elasticsearch is not asked for: a successful item had its copies written. */
    private static final ReplicationResponse.ShardInfo ANSWERED = new ReplicationResponse.ShardInfo(1, 1);

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
        request.addParameter("filter_path", ANSWER_FIELDS);
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
            return answer(bulk, parser);
        }
    }

    /** The answer to {@code bulk} from its filtered response: {@code {"took":N,"items":[{"index":{"status":201}},…]}}. */
    static BulkResponse answer(BulkRequest bulk, XContentParser parser) throws IOException {
        List<DocWriteRequest<?>> actions = bulk.requests();
        BulkItemResponse[] items = new BulkItemResponse[actions.size()];
        long took = 0;
        int answered = 0;
        ensureExpectedToken(XContentParser.Token.START_OBJECT, parser.nextToken(), parser);
        while (parser.nextToken() == XContentParser.Token.FIELD_NAME) {
            String field = parser.currentName();
            XContentParser.Token value = parser.nextToken();
            if (field.equals("took")) {
                took = parser.longValue();
            } else if (field.equals("items") && value == XContentParser.Token.START_ARRAY) {
                while (parser.nextToken() == XContentParser.Token.START_OBJECT) {
                    if (answered == items.length) {
                        throw new IOException("Elasticsearch answered more items than the bulk's " + items.length);
                    }
                    items[answered] = item(answered, actions.get(answered), parser);
                    answered++;
                }
            } else {
                parser.skipChildren();
            }
        }
        if (answered != items.length) {
            throw new IOException("Elasticsearch answered " + answered + " of the bulk's " + items.length + " items");
        }
        return new BulkResponse(items, took);
    }

    /** One item, {@code {"index":{"status":201}}} or with an {@code "error"} object; the rest is the request's. */
    private static BulkItemResponse item(int i, DocWriteRequest<?> action, XContentParser parser) throws IOException {
        ensureExpectedToken(XContentParser.Token.FIELD_NAME, parser.nextToken(), parser);
        DocWriteRequest.OpType opType = DocWriteRequest.OpType.fromString(parser.currentName());
        ensureExpectedToken(XContentParser.Token.START_OBJECT, parser.nextToken(), parser);
        RestStatus status = null;
        ElasticsearchException error = null;
        while (parser.nextToken() == XContentParser.Token.FIELD_NAME) {
            String field = parser.currentName();
            XContentParser.Token value = parser.nextToken();
            if (field.equals("status") && value == XContentParser.Token.VALUE_NUMBER) {
                status = RestStatus.fromCode(parser.intValue());
            } else if (field.equals("error") && value == XContentParser.Token.START_OBJECT) {
                error = ElasticsearchException.fromXContent(parser);
            } else {
                parser.skipChildren();
            }
        }
        ensureExpectedToken(XContentParser.Token.END_OBJECT, parser.nextToken(), parser);
        if (status == null) {
            throw new IOException("Elasticsearch answered item " + i + " without a status");
        }
        String index = action.index();
        if (error != null) {
            return new BulkItemResponse(
                    i, opType, new BulkItemResponse.Failure(index, TYPE, action.id(), error, status));
        }
        ShardId shard = new ShardId(index, "_na_", 0);
        DocWriteResponse done = opType == DocWriteRequest.OpType.DELETE
                ? new DeleteResponse(shard, TYPE, action.id(), -1, 0, 1, status != RestStatus.NOT_FOUND)
                : new IndexResponse(shard, TYPE, action.id(), -1, 0, 1, status == RestStatus.CREATED);
        done.setShardInfo(ANSWERED); // status() reads it: 200 unless CREATED or NOT_FOUND
        return new BulkItemResponse(i, opType, done);
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
                if (holdsNewline(source)) {
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

    /**
     * Whether a source holds a raw newline, read from its bytes as one array (a BytesArray's own,
     * not a copy). BytesReference.indexOf reads byte by byte through a virtual get(i): 126 of the
     * 292 samples of the bulk thread in a 1M bench run, 2 % of the machine (issue 18).
     */
    static boolean holdsNewline(BytesReference source) {
        BytesRef bytes = source.toBytesRef();
        int end = bytes.offset + bytes.length;
        for (int i = bytes.offset; i < end; i++) {
            if (bytes.bytes[i] == NEWLINE) {
                return true;
            }
        }
        return false;
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
