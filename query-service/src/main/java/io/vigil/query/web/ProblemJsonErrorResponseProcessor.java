package io.vigil.query.web;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.stream.Collectors;

/**
 * Turns every error the framework produces (unknown route, bad parameter, failed validation,
 * 401/403 from security, {@code HttpStatusException} thrown by the controllers, unexpected
 * exceptions) into an {@code application/problem+json} {@link Problem}. Being an
 * {@link ErrorResponseProcessor} bean it replaces Micronaut's default JSON error body.
 */
@Singleton
public class ProblemJsonErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        @SuppressWarnings("unchecked")
        MutableHttpResponse<Problem> problemResponse = (MutableHttpResponse<Problem>) response;
        if (context.getRequest().getMethod() == HttpMethod.HEAD) {
            return problemResponse;
        }
        int status = response.code();
        String title = response.reason();
        String detail;
        if (status >= 500 && status != 502 && status != 503 && status != 504) {
            // Unexpected failures: the cause is logged by Micronaut; the message may hold internals.
            detail = "unexpected error; see the service log";
        } else if (context.hasErrors()) {
            detail = context.getErrors().stream()
                    .map(ProblemJsonErrorResponseProcessor::describe)
                    .collect(Collectors.joining("; "));
        } else {
            detail = title;
        }
        if (detail.equals(title)) {
            detail = defaultDetail(status, title);
        }
        return problemResponse
                .body(Problem.of(status, title, detail))
                .contentType(MediaType.APPLICATION_JSON_PROBLEM_TYPE);
    }

    /** What to say when the framework gave nothing but the status (security rejections, mostly). */
    private static String defaultDetail(int status, String title) {
        return switch (status) {
            case 401 ->
                "a valid bearer token is required: POST /login, then send 'Authorization: Bearer <access_token>'";
            case 403 -> "your role does not allow this";
            case 404 -> "no such resource";
            case 405 -> "method not allowed on this resource";
            default -> title;
        };
    }

    private static String describe(Error error) {
        return error.getPath().map(path -> path + ": " + error.getMessage()).orElse(error.getMessage());
    }
}
