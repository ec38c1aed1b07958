package io.vigil.query.security;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.token.generator.AccessTokenConfiguration;
import io.micronaut.security.token.generator.TokenGenerator;
import io.vigil.query.users.Passwords;
import io.vigil.query.users.Role;
import io.vigil.query.users.User;
import io.vigil.query.users.UserStore;
import jakarta.validation.Valid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /login {"username","password"}} → {@code {"access_token","token_type":"Bearer","expires_in"}},
 * or 401 problem+json. The token carries the user's {@code roles} and {@code hosts}.
 */
@Controller("/login")
@Secured(SecurityRule.IS_ANONYMOUS)
public class LoginController {
    private static final Logger LOG = LoggerFactory.getLogger(LoginController.class);
    /** Checked against for unknown users, so that a wrong name costs the same time as a wrong password. */
    private static final String DUMMY_HASH = Passwords.hash(Passwords.generate(20));

    private final UserStore users;
    private final TokenGenerator tokens;
    private final AccessTokenConfiguration accessTokens;

    public LoginController(UserStore users, TokenGenerator tokens, AccessTokenConfiguration accessTokens) {
        this.users = users;
        this.tokens = tokens;
        this.accessTokens = accessTokens;
    }

    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING) // bcrypt takes ~250 ms: keep it off the event loop
    public TokenResponse login(@Body @Valid LoginRequest credentials, HttpRequest<?> request) {
        Optional<User> user = users.find(credentials.username());
        boolean ok = Passwords.verify(credentials.password(), user.map(User::passwordHash).orElse(DUMMY_HASH))
                && user.isPresent();
        if (!ok) {
            LOG.info("Failed login for user '{}' from {}", printable(credentials.username()),
                    request.getRemoteAddress().getAddress().getHostAddress());
            throw new HttpStatusException(HttpStatus.UNAUTHORIZED, "wrong user name or password");
        }
        User u = user.get();
        Authentication authentication = Authentication.build(u.username(),
                u.roles().stream().map(Role::id).toList(),
                Map.of(Claims.HOSTS, u.hosts()));
        int expiresIn = accessTokens.getExpiration();
        String token = tokens.generateToken(authentication, expiresIn)
                .orElseThrow(() -> new IllegalStateException("no access token could be generated"));
        LOG.info("User '{}' logged in", u.username());
        return TokenResponse.bearer(token, expiresIn);
    }

    /** A user name as typed may hold anything; keep control characters out of the log. */
    private static String printable(String text) {
        String cut = text.length() > 64 ? text.substring(0, 64) + "…" : text;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
