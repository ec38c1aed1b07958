package io.vigil.query.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /login}. No toString with the password: records print every field. */
@Serdeable
public record LoginRequest(
        @Nullable @NotBlank @Size(max = 64) String username,
        @Nullable @NotBlank @Size(max = 1024) String password) {

    @Override
    public String toString() {
        return "LoginRequest[" + username + "]";
    }
}
