package io.vigil.query.es;

/** Elasticsearch refused a request (a 4xx other than a missing index). */
public class ElasticsearchRejectedException extends RuntimeException {
    public ElasticsearchRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
