package io.vigil.embedded;

import java.time.Duration;
import java.util.function.Predicate;

/** How tests wait for what a job or a stack writes: look again every 250 ms until the answer will do. */
public final class Polling {
    /** One look at what is being waited for. */
    @FunctionalInterface
    public interface Probe<T, E extends Exception> {
        T get() throws E;
    }

    private Polling() {}

    /** The first answer {@code done} accepts, or the last one once {@code limit} has passed. */
    public static <T, E extends Exception> T until(Duration limit, Probe<T, E> probe, Predicate<? super T> done)
            throws E, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        T answer = probe.get();
        while (!done.test(answer) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            answer = probe.get();
        }
        return answer;
    }
}
