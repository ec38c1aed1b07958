package io.vigil.query.security;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Collection;
import java.util.List;

/** {@code GET /me}: who the bearer token says the caller is. */
@Controller("/me")
@Secured(SecurityRule.IS_AUTHENTICATED)
public class MeController {

    @Serdeable
    public record Me(String username, List<String> roles, List<String> hosts) {}

    @Get
    public Me me(Authentication authentication) {
        Collection<String> roles = authentication.getRoles();
        return new Me(authentication.getName(), List.copyOf(roles), Claims.hosts(authentication));
    }
}
