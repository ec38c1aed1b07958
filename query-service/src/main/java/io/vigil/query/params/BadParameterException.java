package io.vigil.query.params;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;

/** A request parameter with an unusable value: 400 problem+json whose detail names the parameter. */
public class BadParameterException extends HttpStatusException {
    private final String parameter;

    public BadParameterException(String parameter, String problem) {
        super(HttpStatus.BAD_REQUEST, "parameter '" + parameter + "' " + problem);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
