package io.vigil.stack;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * What a stack has started, stopped in reverse order: the job before the members it runs on, the
 * brokers last. A part that fails to stop is reported and the others still stop.
 */
final class StartedParts implements AutoCloseable {
    private final Deque<AutoCloseable> parts = new ArrayDeque<>();
    private final Consumer<String> say;

    StartedParts(Consumer<String> say) {
        this.say = say;
    }

    void add(AutoCloseable part) {
        parts.push(part);
    }

    @Override
    public void close() {
        while (!parts.isEmpty()) {
            try {
                parts.pop().close();
            } catch (Exception e) {
                say.accept("while stopping: " + e.getMessage());
            }
        }
    }
}
