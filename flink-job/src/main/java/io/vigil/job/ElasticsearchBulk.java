package io.vigil.job;

import io.vigil.common.DeadLetter;
import io.vigil.common.DocumentIds;
import io.vigil.common.Indices;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.BiConsumer;
import org.apache.flink.connector.elasticsearch.sink.BulkHandlingSinkBuilder;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.elasticsearch.ElasticsearchStatusException;
import org.elasticsearch.action.ActionListener;
import org.elasticsearch.action.ActionRequest;
import org.elasticsearch.action.ActionRequestValidationException;
import org.elasticsearch.action.DocWriteRequest;
import org.elasticsearch.action.bulk.BulkItemResponse;
import org.elasticsearch.action.bulk.BulkRequest;
import org.elasticsearch.action.bulk.BulkResponse;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.action.index.IndexResponse;
import org.elasticsearch.action.update.UpdateRequest;
import org.elasticsearch.client.RestHighLevelClient;
import org.elasticsearch.common.xcontent.XContentType;
import org.elasticsearch.index.shard.ShardId;
import org.elasticsearch.rest.RestStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How every Elasticsearch sink of the job sends a bulk, so that no answer about one document can
 * fail the job (issue 16; the connector's own handling fails it on any failed item):
 *
 * <ul>
 *   <li>an item answered 429, 502, 503 or 504 (busy, unavailable) is sent again after a backoff
 *       (100 ms doubling up to 5 s), for as long as that takes: the sink holds back and the job
 *       with it (backpressure), nothing is lost. Elasticsearch busy for longer than the checkpoint
 *       timeout fails the checkpoint, as an outage does;</li>
 *   <li>an item answered 409 (an alert update that lost its retries on conflict) or 500 is tried
 *       {@value #LIMITED_RETRIES} more times, then treated as refused;</li>
 *   <li>an item refused for good (400: a mapping conflict, an immense term, a malformed document;
 *       or a request the client will not even send, e.g. an id over 512 bytes) is replaced by a
 *       dead letter of stage {@code index} carrying Elasticsearch's reason and the refused
 *       document, counted in {@code vigil.records.failed{stage=index}}. A dead letter refused in
 *       turn is sent once more without its raw content, then given up on (logged);</li>
 *   <li>a whole bulk answered 429 or 502-504 is retried like an item; any other failure of the
 *       whole request (connection refused, 401) is an infrastructure fault and fails the job.</li>
 * </ul>
 */
public final class ElasticsearchBulk implements BulkHandlingSinkBuilder.BulkHandler {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchBulk.class);
    static final int LIMITED_RETRIES = 3;
    private static final long FIRST_BACKOFF_MILLIS = 100;
    private static final long MAX_BACKOFF_MILLIS = 5_000;
    /** Elasticsearch refuses ids over 512 bytes (the whole bulk, on the client). */
    private static final int MAX_ID_BYTES = 512;

    private final String deadLetterIndex;
    private transient MetricGroup metrics;
    private transient BackgroundBulks made;

    public ElasticsearchBulk(String indexPrefix) {
        this.deadLetterIndex = new Indices(indexPrefix).deadLetters();
    }

    /** The sink writer's metric group (set before the writer is made, see ElasticsearchSinks). */
    void bindMetrics(MetricGroup writerMetrics) {
        this.metrics = writerMetrics;
    }

    @Override
    public BiConsumer<BulkRequest, ActionListener<BulkResponse>> forClient(RestHighLevelClient client) {
        Counter refused =
                metrics == null ? new SimpleCounter() : FailedRecords.counter(metrics, DeadLetter.Stage.INDEX);
        Counter retried = metrics == null
                ? new SimpleCounter()
                : metrics.addGroup(DeadLetter.METRIC_GROUP).counter("es.items.retried");
        made = new BackgroundBulks(new Sender(new NdjsonBulk(client), deadLetterIndex, refused, retried));
        return made;
    }

    /** What the last {@link #forClient} made: the writer made with it must drain it (ElasticsearchSink). */
    BackgroundBulks lastMade() {
        return made;
    }

    /** One bulk request to Elasticsearch (the client's, or a test's). */
    @FunctionalInterface
    interface BulkCall {
        BulkResponse send(BulkRequest request) throws IOException;
    }

    /**
     * Sends bulks for one sink writer, on its {@link BackgroundBulks} thread: sending synchronously
     * there, backoff sleeps included, blocks nothing but the next bulk.
     */
    static final class Sender implements BulkCall {
        private final BulkCall call;
        private final String deadLetterIndex;
        private final Counter refused;
        private final Counter retried;

        Sender(BulkCall call, String deadLetterIndex, Counter refused, Counter retried) {
            this.call = call;
            this.deadLetterIndex = deadLetterIndex;
            this.refused = refused;
            this.retried = retried;
        }

        /** Sends the bulk until every item is stored or dead-lettered; the answer has no failed item. */
        @Override
        public BulkResponse send(BulkRequest request) throws IOException {
            long started = System.nanoTime();
            List<DocWriteRequest<?>> actions = request.requests();
            Slot[] slots = new Slot[actions.size()];
            List<Integer> pending = new ArrayList<>();
            for (int i = 0; i < slots.length; i++) {
                slots[i] = new Slot(actions.get(i));
                ActionRequestValidationException invalid = ((ActionRequest) actions.get(i)).validate();
                if (invalid != null) {
                    refuse(slots[i], "the request is invalid: " + String.join("; ", invalid.validationErrors()));
                }
                pending.add(i);
            }
            int busyRounds = 0;
            while (!pending.isEmpty()) {
                BulkRequest round =
                        new BulkRequest().timeout(request.timeout()).setRefreshPolicy(request.getRefreshPolicy());
                for (int i : pending) {
                    round.add(slots[i].current);
                }
                BulkResponse answer;
                try {
                    answer = call.send(round);
                } catch (ElasticsearchStatusException e) {
                    if (!isBusy(e.status())) {
                        throw e;
                    }
                    LOG.warn(
                            "Elasticsearch answered {} to a bulk of {} actions; retrying: {}",
                            e.status(),
                            pending.size(),
                            e.getMessage());
                    retried.inc(pending.size());
                    sleep(busyRounds++);
                    continue;
                }
                List<Integer> next = new ArrayList<>();
                boolean busy = false;
                BulkItemResponse[] items = answer.getItems();
                for (int j = 0; j < pending.size(); j++) {
                    int i = pending.get(j);
                    BulkItemResponse item = items[j];
                    if (!item.isFailed()) {
                        slots[i].outcome = item;
                        continue;
                    }
                    RestStatus status = item.getFailure().getStatus();
                    if (isBusy(status)) {
                        busy = true;
                    } else if (isMaybeTransient(status) && slots[i].limitedRetries++ < LIMITED_RETRIES) {
                        busy = true;
                    } else if (!refuse(
                            slots[i],
                            "Elasticsearch refused it (" + status.getStatus() + "): "
                                    + item.getFailure().getMessage())) {
                        LOG.error(
                                "Elasticsearch refused the dead letter of {} as well; it is lost: {}",
                                slots[i].id(),
                                item.getFailureMessage());
                        slots[i].outcome = acknowledged(i, slots[i].original);
                        continue;
                    }
                    next.add(i);
                }
                if (busy) {
                    retried.inc(next.size());
                    sleep(busyRounds++);
                } else {
                    busyRounds = 0;
                }
                pending = next;
            }
            BulkItemResponse[] outcome = new BulkItemResponse[slots.length];
            for (int i = 0; i < slots.length; i++) {
                outcome[i] = slots[i].outcome;
            }
            return new BulkResponse(outcome, (System.nanoTime() - started) / 1_000_000);
        }

        /**
         * Puts the slot's dead letter in place of what was refused (its raw content withheld when
         * the refused action was already a dead letter); false when that too was refused.
         */
        private boolean refuse(Slot slot, String reason) {
            if (slot.attempt == Attempt.WITHHELD_DEAD_LETTER) {
                return false;
            }
            DeadLetter letter = deadLetter(slot.original, reason);
            if (slot.attempt == Attempt.DEAD_LETTER) {
                letter.raw = "";
                letter.rawEncoding = DeadLetter.WITHHELD;
                slot.attempt = Attempt.WITHHELD_DEAD_LETTER;
            } else {
                refused.inc();
                slot.attempt = Attempt.DEAD_LETTER;
            }
            slot.current = new IndexRequest(deadLetterIndex)
                    .id(safeId(letter.id))
                    .source(DocumentWriter.deadLetterDocument(letter), XContentType.JSON);
            slot.limitedRetries = 0;
            return true;
        }

        private static DeadLetter deadLetter(DocWriteRequest<?> refused, String reason) {
            String id = refused.id();
            long now = System.currentTimeMillis();
            DeadLetter letter = DocumentIds.origin(id)
                    .map(o -> DeadLetter.origin(
                            id, o.topic(), o.partition(), o.offset(), DeadLetter.Stage.INDEX, reason, now))
                    .orElseGet(() -> DeadLetter.origin(id, null, -1, -1, DeadLetter.Stage.INDEX, reason, now));
            String document = source(refused);
            boolean truncated = document.length() > DeadLetter.MAX_RAW_BYTES;
            letter.raw = truncated ? document.substring(0, DeadLetter.MAX_RAW_BYTES) : document;
            letter.rawEncoding = truncated ? DeadLetter.DOCUMENT + DeadLetter.TRUNCATED : DeadLetter.DOCUMENT;
            return letter;
        }

        /** The document a refused action carried, as JSON text. */
        private static String source(DocWriteRequest<?> request) {
            if (request instanceof IndexRequest index && index.source() != null) {
                return index.source().utf8ToString();
            }
            if (request instanceof UpdateRequest update) {
                IndexRequest doc = update.upsertRequest() != null ? update.upsertRequest() : update.doc();
                return doc == null || doc.source() == null ? "" : doc.source().utf8ToString();
            }
            return "";
        }

        private void sleep(int round) throws InterruptedIOException {
            long millis = Math.min(MAX_BACKOFF_MILLIS, FIRST_BACKOFF_MILLIS << Math.min(round, 16));
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while backing off from a busy Elasticsearch");
            }
        }
    }

    /**
     * A success answer the writer is given for an item it must not fail the job over: one given up
     * on, or one handed to {@link BackgroundBulks} and not stored yet.
     */
    static BulkItemResponse acknowledged(int i, DocWriteRequest<?> action) {
        String index = action.index() == null ? "_na_" : action.index();
        return new BulkItemResponse(
                i,
                action.opType(),
                new IndexResponse(new ShardId(index, "_na_", 0), "_doc", action.id(), -1, 0, 1, false));
    }

    /** 429 (rejected execution, circuit breaker) and the gateway/unavailable statuses: wait and retry. */
    static boolean isBusy(RestStatus status) {
        return status == RestStatus.TOO_MANY_REQUESTS
                || status == RestStatus.SERVICE_UNAVAILABLE
                || status == RestStatus.BAD_GATEWAY
                || status == RestStatus.GATEWAY_TIMEOUT;
    }

    /** Conflicts (of alert upserts) and internal errors: worth a few more tries, not forever. */
    static boolean isMaybeTransient(RestStatus status) {
        return status == RestStatus.CONFLICT || status == RestStatus.INTERNAL_SERVER_ERROR;
    }

    /** The id as it is, or its SHA-256 when Elasticsearch would refuse it as too long. */
    static String safeId(String id) {
        if (id == null || id.getBytes(StandardCharsets.UTF_8).length <= MAX_ID_BYTES) {
            return id;
        }
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private enum Attempt {
        ORIGINAL,
        DEAD_LETTER,
        WITHHELD_DEAD_LETTER
    }

    /** One action of the bulk: what was asked, what is being sent for it now, and how it ended. */
    private static final class Slot {
        final DocWriteRequest<?> original;
        DocWriteRequest<?> current;
        Attempt attempt = Attempt.ORIGINAL;
        int limitedRetries;
        BulkItemResponse outcome;

        Slot(DocWriteRequest<?> original) {
            this.original = original;
            this.current = original;
        }

        String id() {
            return original.id();
        }
    }
}
