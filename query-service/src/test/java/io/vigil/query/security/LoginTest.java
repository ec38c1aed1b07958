package io.vigil.query.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.vigil.query.ServiceTestSupport;
import io.vigil.query.users.Passwords;
import io.vigil.query.users.UserStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@MicronautTest
class LoginTest extends ServiceTestSupport {

    @Test
    void goodPasswordGivesABearerTokenThatOpensMe() throws Exception {
        Reply reply = login("admin", ADMIN_PASSWORD);

        assertEquals(200, reply.status(), reply.body());
        JsonNode body = reply.json();
        assertEquals("Bearer", body.path("token_type").asText());
        assertEquals(3600, body.path("expires_in").asInt());
        String token = body.path("access_token").asText();
        assertEquals(3, token.split("\\.").length, "a signed JWT");

        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertEquals("vigil", claims.path("iss").asText());
        assertEquals("admin", claims.path("sub").asText());
        assertEquals(List.of("admin"), JSON.convertValue(claims.path("roles"), List.class));
        assertEquals(
                "HS256",
                JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[0]))
                        .path("alg")
                        .asText());

        Reply me = call(HttpRequest.GET("/me").bearerAuth(token));
        assertEquals(200, me.status(), me.body());
        assertEquals("admin", me.json().path("username").asText());
        assertEquals(List.of("admin"), JSON.convertValue(me.json().path("roles"), List.class));
        assertEquals(List.of(), JSON.convertValue(me.json().path("hosts"), List.class));
    }

    @Test
    void wrongPasswordIs401Problem() {
        JsonNode problem = login("admin", "not-the-password").assertProblem(401);
        assertEquals("Unauthorized", problem.path("title").asText());
    }

    @Test
    void unknownUserIs401Problem() {
        login("nobody", ADMIN_PASSWORD).assertProblem(401);
    }

    @Test
    void loginWithoutPasswordIs400Problem() {
        Reply reply = call(
                HttpRequest.POST("/login", Map.of("username", "admin")).contentType(MediaType.APPLICATION_JSON_TYPE));
        JsonNode problem = reply.assertProblem(400);
        assertTrue(problem.path("detail").asText().contains("password"), problem.toString());
    }

    @Test
    void noTokenIs401ProblemOnLogsAndMe() {
        call(HttpRequest.GET("/me")).assertProblem(401);
        call(HttpRequest.GET("/logs")).assertProblem(401);
    }

    @Test
    void garbageTokenIs401() {
        call(HttpRequest.GET("/me").bearerAuth("garbage")).assertProblem(401);
        call(HttpRequest.GET("/logs").bearerAuth("a.b.c")).assertProblem(401);
    }

    /** What a token of ours for admin says, valid for ten minutes. */
    private static JWTClaimsSet adminClaims() {
        return new JWTClaimsSet.Builder()
                .subject("admin")
                .issuer("vigil")
                .claim("roles", List.of("admin"))
                .expirationTime(new Date(System.currentTimeMillis() + 600_000))
                .build();
    }

    @Test
    void tokenSignedWithAnotherSecretIs401() throws Exception {
        JWTClaimsSet claims = adminClaims();
        SignedJWT forged = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        forged.sign(new MACSigner("another-secret-that-is-32-bytes-long!!".getBytes(StandardCharsets.UTF_8)));

        call(HttpRequest.GET("/me").bearerAuth(forged.serialize())).assertProblem(401);
    }

    @Test
    void unsignedTokenIs401() {
        JWTClaimsSet claims = adminClaims();

        call(HttpRequest.GET("/me").bearerAuth(new PlainJWT(claims).serialize()))
                .assertProblem(401);
    }

    @Test
    void usersFileIs0600WithABcryptHashNotThePassword() throws Exception {
        Path users = dataDir.resolve(UserStore.FILE_NAME);

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(users)));
        String text = Files.readString(users);
        assertFalse(text.contains(ADMIN_PASSWORD), "plain password in users.json");
        JsonNode admin = JSON.readTree(text).path(0);
        assertEquals("admin", admin.path("username").asText());
        assertTrue(admin.path("password_hash").asText().startsWith("$2a$" + Passwords.COST + "$"), text);
        assertEquals(List.of("admin"), JSON.convertValue(admin.path("roles"), List.class));
    }

    @Test
    void generatedJwtSecretIs0600() throws Exception {
        Path secret = dataDir.resolve(JwtSecret.FILE_NAME);

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)));
        assertTrue(Files.readString(secret).trim().length() >= JwtSecret.MIN_BYTES);
    }
}
