package io.vigil.job;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.function.BiConsumer;
import org.elasticsearch.action.ActionListener;
import org.elasticsearch.action.DocWriteRequest;
import org.elasticsearch.action.bulk.BulkItemResponse;
import org.elasticsearch.action.bulk.BulkRequest;
import org.elasticsearch.action.bulk.BulkResponse;

/**
 * Sends one sink writer's bulks on a thread of their own, one at a time and in order, so that the
 * task thread parses and detects the next bulk's records while Elasticsearch indexes this one
 * (issue 18). The connector's writer runs its bulk processor with no concurrent requests, so with
 * a sender that answers only when Elasticsearch has, the log sink's task thread (which it shares
 * with the Kafka source, parsing, enrichment and the rules) stood idle for every bulk's round trip.
 *
 * <p>The writer is told a bulk is answered as soon as it is handed over; at most one bulk is in
 * Elasticsearch's hands while the next is built, and handing over a second waits for the first.
 * {@link DrainingWriter} makes every checkpoint and the end of input wait for {@link #drain}, so a
 * checkpoint still completes only once everything before its barrier is stored (at-least-once, as
 * before). Order is kept, which the alert sinks' upserts need. A failure of a whole bulk (an
 * infrastructure fault: what fails the job, see {@link ElasticsearchBulk}) fails the next handover
 * or the next checkpoint, and with it the job.
 */
final class BackgroundBulks implements BiConsumer<BulkRequest, ActionListener<BulkResponse>>, AutoCloseable {
    private final ElasticsearchBulk.BulkCall sends;
    /** Held while a bulk is in Elasticsearch's hands. */
    private final Semaphore idle = new Semaphore(1);

    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "vigil-es-bulk");
        t.setDaemon(true);
        return t;
    });
    private volatile Throwable failure;

    /** @param sends sends one bulk until each item is stored or dead-lettered ({@link ElasticsearchBulk.Sender}) */
    BackgroundBulks(ElasticsearchBulk.BulkCall sends) {
        this.sends = sends;
    }

    @Override
    public void accept(BulkRequest request, ActionListener<BulkResponse> listener) {
        try {
            handOver(request);
        } catch (IOException e) {
            listener.onFailure(e);
            return;
        }
        listener.onResponse(accepted(request));
    }

    /** Waits for the bulk in Elasticsearch's hands, if any, then gives it this one. */
    void handOver(BulkRequest request) throws IOException {
        acquire();
        try {
            rethrow();
            thread.execute(() -> {
                try {
                    sends.send(request);
                } catch (Throwable t) {
                    failure = t;
                } finally {
                    idle.release();
                }
            });
        } catch (IOException e) {
            idle.release();
            throw e;
        } catch (RejectedExecutionException e) {
            idle.release();
            throw new IOException("the bulk sender is closed", e);
        }
    }

    /** Returns when every bulk handed over is stored; throws when one of them failed. */
    void drain() throws IOException {
        acquire();
        idle.release();
        rethrow();
    }

    private void acquire() throws InterruptedIOException {
        try {
            idle.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while a bulk was being sent to Elasticsearch");
        }
    }

    private void rethrow() throws IOException {
        Throwable failed = failure;
        if (failed != null) {
            throw new IOException("a bulk request to Elasticsearch failed", failed);
        }
    }

    /** What the writer is told of a bulk handed over: every item taken (it counts them as done). */
    private static BulkResponse accepted(BulkRequest request) {
        List<DocWriteRequest<?>> actions = request.requests();
        BulkItemResponse[] items = new BulkItemResponse[actions.size()];
        for (int i = 0; i < items.length; i++) {
            items[i] = ElasticsearchBulk.acknowledged(i, actions.get(i));
        }
        return new BulkResponse(items, 0);
    }

    /** Stops the thread; a bulk still being sent (a cancelled job's) is abandoned, as a failed task's is. */
    @Override
    public void close() {
        thread.shutdownNow();
    }
}
