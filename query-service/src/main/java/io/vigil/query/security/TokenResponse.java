package io.vigil.query.security;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/** Answer of {@code POST /login}: {@code {"access_token","token_type":"Bearer","expires_in"}}. */
@Serdeable
public record TokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") int expiresIn) {

    public static TokenResponse bearer(String token, int expiresIn) {
        return new TokenResponse(token, "Bearer", expiresIn);
    }

    @Override
    public String toString() {
        return "TokenResponse[Bearer, expires_in=" + expiresIn + "]";
    }
}
