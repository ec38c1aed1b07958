package io.vigil.query.es;

/** Elasticsearch refused a request (a 4xx other than a missing index or document). */
public class ElasticsearchRejectedException extends RuntimeException {
    private final int status;

    public ElasticsearchRejectedException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
