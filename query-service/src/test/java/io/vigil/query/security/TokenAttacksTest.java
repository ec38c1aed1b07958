package io.vigil.query.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.vigil.query.ServiceTestSupport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Forged and stale tokens are 401. The attacks that need the right key use the server's own
 * generated secret (read from its data directory), so only the claim under test is wrong.
 */
@MicronautTest
class TokenAttacksTest extends ServiceTestSupport {

    private byte[] serverSecret() throws Exception {
        return Files.readString(dataDir.resolve(JwtSecret.FILE_NAME)).trim().getBytes(StandardCharsets.UTF_8);
    }

    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder()
                .subject("admin")
                .issuer("vigil")
                .claim("roles", List.of("admin"))
                .issueTime(new Date())
                .expirationTime(new Date(System.currentTimeMillis() + 600_000));
    }

    private String signed(JWSAlgorithm alg, JWTClaimsSet claims, byte[] secret) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(alg), claims);
        jwt.sign(new MACSigner(secret));
        return jwt.serialize();
    }

    private int me(String token) {
        return call(HttpRequest.GET("/me").bearerAuth(token)).status();
    }

    @Test
    void aTokenMadeLikeTheServersIsAccepted() throws Exception {
        // the control: proves the forgeries below fail for their one wrong part
        assertEquals(200, me(signed(JWSAlgorithm.HS256, claims().build(), serverSecret())));
    }

    @Test
    void badSignatureIs401() throws Exception {
        assertEquals(
                401,
                me(signed(
                        JWSAlgorithm.HS256,
                        claims().build(),
                        "another-secret-that-is-32-bytes-long!!".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void tamperedClaimsAre401() throws Exception {
        String token = tokenFor("admin", ADMIN_PASSWORD);
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"sub\":\"admin\"", "\"sub\":\"mallory\"");
        String forged = parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
                + parts[2];
        assertEquals(200, me(token));
        assertEquals(401, me(forged));
    }

    @Test
    void algNoneIs401() {
        assertEquals(401, me(new PlainJWT(claims().build()).serialize()));
        // "none" with an empty signature part, as hand-made attacks send it
        String header = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String body = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(claims().build().toString().getBytes(StandardCharsets.UTF_8));
        assertEquals(401, me(header + "." + body + "."));
    }

    @Test
    void anotherAlgorithmWithTheRightKeyIs401() throws Exception {
        byte[] secret = serverSecret();
        byte[] longer = new byte[64];
        for (int i = 0; i < longer.length; i++) {
            longer[i] = secret[i % secret.length];
        }
        assertEquals(401, me(signed(JWSAlgorithm.HS512, claims().build(), longer)));
    }

    @Test
    void wrongOrMissingIssuerIs401() throws Exception {
        assertEquals(401, me(signed(JWSAlgorithm.HS256, claims().issuer("evil").build(), serverSecret())));
        assertEquals(401, me(signed(JWSAlgorithm.HS256, claims().issuer(null).build(), serverSecret())));
    }

    @Test
    void expiredIs401() throws Exception {
        JWTClaimsSet expired = claims().issueTime(new Date(System.currentTimeMillis() - 7_200_000))
                .expirationTime(new Date(System.currentTimeMillis() - 60_000))
                .build();
        assertEquals(401, me(signed(JWSAlgorithm.HS256, expired, serverSecret())));
    }
}
