package io.vigil.query.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/** Calls made as nearly at once as threads allow: each on its own thread, all released by one latch. */
public final class AtOnce {
    private AtOnce() {}

    /** The calls' answers, in the order of {@code calls}. */
    public static <T> List<T> call(List<Supplier<T>> calls) {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<T>> answers = new ArrayList<>();
            for (Supplier<T> call : calls) {
                answers.add(CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                go.await();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            return call.get();
                        },
                        pool));
            }
            go.countDown();
            return answers.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdownNow();
        }
    }
}
