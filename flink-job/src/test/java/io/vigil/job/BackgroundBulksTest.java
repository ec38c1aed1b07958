package io.vigil.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.elasticsearch.action.ActionListener;
import org.elasticsearch.action.bulk.BulkRequest;
import org.elasticsearch.action.bulk.BulkResponse;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.action.update.UpdateRequest;
import org.elasticsearch.common.xcontent.XContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The log sink's bulks go out while the task goes on, and checkpoints still wait for them. */
class BackgroundBulksTest {
    /** A bulk call that holds each bulk until released, remembering the order bulks came in. */
    private final List<String> sent = new CopyOnWriteArrayList<>();

    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicReference<IOException> fails = new AtomicReference<>();
    private final BackgroundBulks bulks = new BackgroundBulks(request -> {
        sent.add(request.requests().get(0).id());
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (fails.get() != null) {
            throw fails.get();
        }
        return new BulkResponse(new org.elasticsearch.action.bulk.BulkItemResponse[0], 1);
    });

    @AfterEach
    void close() {
        release.countDown();
        bulks.close();
    }

    private static BulkRequest bulk(String firstId) {
        return new BulkRequest()
                .add(new IndexRequest("vigil-logs-2026.12.05").id(firstId).source("{}", XContentType.JSON))
                .add(new UpdateRequest("vigil-alerts", "alert-1").doc("{}", XContentType.JSON));
    }

    private static CompletableFuture<BulkResponse> accept(BackgroundBulks bulks, BulkRequest request) {
        CompletableFuture<BulkResponse> answer = new CompletableFuture<>();
        bulks.accept(request, ActionListener.wrap(answer::complete, answer::completeExceptionally));
        return answer;
    }

    @Test
    void theWriterIsAnsweredWhileElasticsearchStillHasTheBulkAndEveryItemCountsAsTaken() throws Exception {
        BulkResponse answer = accept(bulks, bulk("logs-0-1")).get(5, TimeUnit.SECONDS);

        assertThat(answer.hasFailures()).isFalse();
        assertThat(answer.getItems()).hasSize(2);
        assertThat(answer.getItems()[1].getId()).isEqualTo("alert-1");
        assertThat(release.getCount())
                .as("the bulk is still in Elasticsearch's hands")
                .isEqualTo(1);
    }

    @Test
    void aSecondBulkWaitsForTheFirstAndTheyGoOutInOrder() throws Exception {
        accept(bulks, bulk("logs-0-1")).get(5, TimeUnit.SECONDS);
        CompletableFuture<BulkResponse> second = CompletableFuture.supplyAsync(() -> accept(bulks, bulk("logs-0-2")))
                .thenCompose(f -> f);

        Thread.sleep(300);
        assertThat(second).as("handed over while the first is being sent").isNotDone();
        release.countDown();
        assertThat(second.get(5, TimeUnit.SECONDS).hasFailures()).isFalse();
        bulks.drain();
        assertThat(sent).containsExactly("logs-0-1", "logs-0-2");
    }

    @Test
    void aCheckpointWaitsUntilTheBulkIsStored() throws Exception {
        accept(bulks, bulk("logs-0-1")).get(5, TimeUnit.SECONDS);
        CompletableFuture<Void> drained = CompletableFuture.runAsync(() -> {
            try {
                bulks.drain();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });

        Thread.sleep(300);
        assertThat(drained).isNotDone();
        release.countDown();
        drained.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aBulkThatFailedFailsTheCheckpointAndTheNextHandOver() throws Exception {
        fails.set(new IOException("Connection refused"));
        accept(bulks, bulk("logs-0-1")).get(5, TimeUnit.SECONDS);
        release.countDown();

        assertThatThrownBy(bulks::drain).isInstanceOf(IOException.class).hasRootCauseMessage("Connection refused");
        assertThat(accept(bulks, bulk("logs-0-2")))
                .failsWithin(5, TimeUnit.SECONDS)
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withRootCauseInstanceOf(IOException.class);
        assertThat(sent).as("nothing more is sent after a failure").containsExactly("logs-0-1");
    }
}
