package io.vigil.detection.rule;

import java.io.Serializable;
import java.time.Duration;

/**
 * A count rule's window: at least {@code min} matching events within {@code within} (Sigma's
 * {@code event_count}), or, when {@code distinctField} is set, at least {@code min} distinct
 * values of that field ({@code value_count}).
 */
public record CountSpec(Duration within, int min, String distinctField) implements Serializable {
    public boolean countsDistinct() {
        return distinctField != null;
    }
}
