package io.vigil.job;

/** A record that cannot become a document; its message is the dead-letter reason. */
public class RejectedRecordException extends Exception {
    public RejectedRecordException(String reason) {
        super(reason, null, false, false); // no stack trace: this is data, not a bug
    }
}
