package io.vigil.query.security;

import io.micronaut.context.annotation.Context;
import io.micronaut.security.token.jwt.signature.SignatureConfiguration;
import io.micronaut.security.token.jwt.signature.SignatureGeneratorConfiguration;
import jakarta.inject.Named;
import java.util.List;

/**
 * Fails the start when tokens would not be signed. Without any signature bean,
 * micronaut-security-jwt generates unsigned ("alg":"none") tokens and accepts them: fail closed.
 */
@Context
class SigningGuard {
    SigningGuard(
            @Named("generator") SignatureGeneratorConfiguration generator, List<SignatureConfiguration> verifiers) {
        if (verifiers.isEmpty()) {
            throw new IllegalStateException("no JWT signature to verify tokens with");
        }
    }
}
