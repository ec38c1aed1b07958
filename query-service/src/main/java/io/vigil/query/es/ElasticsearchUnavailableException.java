package io.vigil.query.es;

/** Elasticsearch could not be reached, or answered with a server error. */
public class ElasticsearchUnavailableException extends RuntimeException {
    public ElasticsearchUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
