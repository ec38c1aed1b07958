package io.vigil.query.security;

import com.nimbusds.jose.JWSAlgorithm;
import io.micronaut.context.annotation.Factory;
import io.micronaut.security.token.jwt.signature.SignatureGeneratorConfiguration;
import io.micronaut.security.token.jwt.signature.secret.SecretSignature;
import io.micronaut.security.token.jwt.signature.secret.SecretSignatureConfiguration;
import io.vigil.query.VigilConfig;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * The HS256 signature that signs ("generator") and verifies the access tokens. Built here rather
 * than from {@code micronaut.security.token.jwt.signatures.secret.*} properties because the
 * secret may have to be generated and stored first (see {@link JwtSecret}).
 */
@Factory
class JwtSignatureFactory {
    /*
     * Declared as the interface: with SecretSignature as the return type the bean would take on
     * that class's @EachBean(SecretSignatureConfiguration) and never be created, and Micronaut
     * would then issue and accept unsigned tokens. SigningGuard makes startup fail if that
     * ever happens again.
     */
    @Singleton
    @Named("generator")
    SignatureGeneratorConfiguration vigilSignature(VigilConfig config) {
        SecretSignatureConfiguration signature = new SecretSignatureConfiguration("generator");
        signature.setJwsAlgorithm(JWSAlgorithm.HS256);
        signature.setSecret(JwtSecret.resolve(config.jwtSecretOrNull(), config.dataDir()));
        return new SecretSignature(signature);
    }
}
