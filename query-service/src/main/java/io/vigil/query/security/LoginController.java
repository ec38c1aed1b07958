package io.vigil.query.security;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
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
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vigil.query.users.Passwords;
import io.vigil.query.users.Role;
import io.vigil.query.users.User;
import io.vigil.query.users.UserStore;
import io.vigil.query.web.Problem;
import jakarta.validation.Valid;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /login {"username","password"}} → {@code {"access_token","token_type":"Bearer","expires_in"}},
 * or 401 problem+json. The token carries the user's {@code roles} and {@code hosts}. Every attempt
 * is recorded before the password is checked; repeated failures slow the answers for the user name
 * and then lock the (user name, address) pair or the address ({@link LoginThrottle}): 429 with
 * {@code Retry-After}, even for the right password, until the lock ends. Too many logins at once
 * are 429 too.
 */
@Controller("/login")
@Tag(name = "auth")
@Secured(SecurityRule.IS_ANONYMOUS)
public class LoginController {
    private static final Logger LOG = LoggerFactory.getLogger(LoginController.class);
    /** Checked against for unknown users, so that a wrong name costs the same time as a wrong password. */
    private static final String DUMMY_HASH = Passwords.hash(Passwords.generate(20));

    private final UserStore users;
    private final TokenGenerator tokens;
    private final AccessTokenConfiguration accessTokens;
    private final LoginThrottle throttle;

    public LoginController(
            UserStore users, TokenGenerator tokens, AccessTokenConfiguration accessTokens, LoginThrottle throttle) {
        this.users = users;
        this.tokens = tokens;
        this.accessTokens = accessTokens;
        this.throttle = throttle;
    }

    @Post(
            consumes = MediaType.APPLICATION_JSON,
            produces = {MediaType.APPLICATION_JSON, MediaType.APPLICATION_JSON_PROBLEM})
    @ExecuteOn(TaskExecutors.BLOCKING) // bcrypt takes ~250 ms, the slow-down more: keep both off the event loop
    @Operation(
            operationId = "login",
            summary = "Log in",
            description = "Exchanges a user name and password for a bearer token (HS256 JWT).")
    @ApiResponse(
            responseCode = "200",
            description = "the token",
            content = @Content(schema = @Schema(implementation = TokenResponse.class)))
    @ApiResponse(responseCode = "401", description = "wrong user name or password")
    @ApiResponse(
            responseCode = "429",
            description = "too many failed attempts for this user or address; see Retry-After")
    public HttpResponse<?> login(@Body @Valid LoginRequest credentials, HttpRequest<?> request) {
        String name = printable(credentials.username());
        String address = request.getRemoteAddress().getAddress().getHostAddress();
        LoginThrottle.Admission admission = throttle.begin(name, address);
        if (admission instanceof LoginThrottle.Refused refused) {
            LOG.info("Refused login for user '{}' from {}: {}", name, address, refused.why());
            return tooMany(refused.retryAfter());
        }
        try (LoginThrottle.Admitted attempt = (LoginThrottle.Admitted) admission) {
            pause(attempt.delay());
            if (!attempt.awaitCheckSlot()) {
                LOG.info("Refused login for user '{}' from {}: too many logins at once", name, address);
                return tooMany(Duration.ofSeconds(1));
            }
            Optional<User> user = users.find(credentials.username());
            boolean ok = Passwords.verify(
                            credentials.password(), user.map(User::passwordHash).orElse(DUMMY_HASH))
                    && user.isPresent();
            if (!ok) {
                LOG.info("Failed login for user '{}' from {}", name, address);
                throw new HttpStatusException(HttpStatus.UNAUTHORIZED, "wrong user name or password");
            }
            attempt.succeeded();
            return HttpResponse.ok(token(user.get()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpStatusException(HttpStatus.SERVICE_UNAVAILABLE, "the service is stopping");
        }
    }

    private TokenResponse token(User u) {
        Authentication authentication = Authentication.build(
                u.username(), u.roles().stream().map(Role::id).toList(), Map.of(Claims.HOSTS, u.hosts()));
        int expiresIn = accessTokens.getExpiration();
        String token = tokens.generateToken(authentication, expiresIn)
                .orElseThrow(() -> new IllegalStateException("no access token could be generated"));
        LOG.info("User '{}' logged in", u.username());
        return TokenResponse.bearer(token, expiresIn);
    }

    private static HttpResponse<Problem> tooMany(Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return HttpResponse.<Problem>status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .contentType(MediaType.APPLICATION_JSON_PROBLEM_TYPE)
                .body(Problem.of(
                        429,
                        "Too Many Requests",
                        "too many failed or concurrent logins for this user or address; try again in " + seconds
                                + " s"));
    }

    private static void pause(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A user name as typed may hold anything; keep control characters out of the log. */
    private static String printable(String text) {
        String cut = text.length() > 64 ? text.substring(0, 64) + "…" : text;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
