package io.vigil.query.es;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/** Elasticsearch failures as problem+json: unreachable → 503, refused → 502. */
@Factory
final class ElasticsearchExceptionHandlers {
    @Singleton
    @Produces
    @Requires(classes = ExceptionHandler.class)
    ExceptionHandler<ElasticsearchUnavailableException, HttpResponse<?>> unavailable(ErrorResponseProcessor<?> errors) {
        return problem(errors, HttpStatus.SERVICE_UNAVAILABLE);
    }

    @Singleton
    @Produces
    @Requires(classes = ExceptionHandler.class)
    ExceptionHandler<ElasticsearchRejectedException, HttpResponse<?>> rejected(ErrorResponseProcessor<?> errors) {
        return problem(errors, HttpStatus.BAD_GATEWAY);
    }

    /** The exception's message as the problem's detail, under {@code status}. */
    private static <E extends Throwable> ExceptionHandler<E, HttpResponse<?>> problem(
            ErrorResponseProcessor<?> errors, HttpStatus status) {
        return (request, exception) -> errors.processResponse(
                ErrorContext.builder(request)
                        .cause(exception)
                        .errorMessage(exception.getMessage())
                        .build(),
                HttpResponse.status(status));
    }
}
