package io.vigil.query.es;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/** Elasticsearch failures as problem+json: unreachable → 503, refused → 502. */
final class ElasticsearchExceptionHandlers {
    private ElasticsearchExceptionHandlers() {}

    @Singleton
    @Produces
    @Requires(classes = ExceptionHandler.class)
    static class Unavailable implements ExceptionHandler<ElasticsearchUnavailableException, HttpResponse<?>> {
        private final ErrorResponseProcessor<?> errors;

        Unavailable(ErrorResponseProcessor<?> errors) {
            this.errors = errors;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, ElasticsearchUnavailableException exception) {
            return errors.processResponse(
                    ErrorContext.builder(request)
                            .cause(exception)
                            .errorMessage(exception.getMessage())
                            .build(),
                    HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE));
        }
    }

    @Singleton
    @Produces
    @Requires(classes = ExceptionHandler.class)
    static class Rejected implements ExceptionHandler<ElasticsearchRejectedException, HttpResponse<?>> {
        private final ErrorResponseProcessor<?> errors;

        Rejected(ErrorResponseProcessor<?> errors) {
            this.errors = errors;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, ElasticsearchRejectedException exception) {
            return errors.processResponse(
                    ErrorContext.builder(request)
                            .cause(exception)
                            .errorMessage(exception.getMessage())
                            .build(),
                    HttpResponse.status(HttpStatus.BAD_GATEWAY));
        }
    }
}
