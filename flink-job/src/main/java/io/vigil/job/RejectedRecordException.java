package io.vigil.job;

import io.vigil.common.DeadLetter;

/** A record that cannot become a document; its message is the dead-letter reason. */
public class RejectedRecordException extends Exception {
    private final boolean unexpected;

    public RejectedRecordException(String reason) {
        this(reason, false);
    }

    private RejectedRecordException(String reason, boolean unexpected) {
        super(reason, null, false, false); // no stack trace: this is data, not a bug
        this.unexpected = unexpected;
    }

    /**
     * The record made the parser fail in a way nobody anticipated (a defect): it is dead-lettered
     * like any rejected record, with the exception and where it was thrown as the reason, and
     * counted apart ({@code vigil.records.failed}) so the defect gets noticed.
     */
    public static RejectedRecordException unexpected(Throwable failure) {
        return new RejectedRecordException(DeadLetter.unexpected(failure), true);
    }

    /** Whether this is {@link #unexpected}: a parser defect rather than bad input. */
    public boolean isUnexpected() {
        return unexpected;
    }
}
