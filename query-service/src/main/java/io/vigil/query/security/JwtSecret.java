package io.vigil.query.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HS256 key of the access tokens: {@code VIGIL_JWT_SECRET} when set, else a random one made
 * on first start and kept in {@code $VIGIL_DATA/jwt-secret} (mode 0600), so tokens survive
 * restarts. The value is never logged.
 */
public final class JwtSecret {
    public static final String FILE_NAME = "jwt-secret";
    /** HS256 needs a key of at least 256 bits. */
    public static final int MIN_BYTES = 32;

    private static final int GENERATED_BYTES = 32;
    private static final Logger LOG = LoggerFactory.getLogger(JwtSecret.class);

    private JwtSecret() {}

    /** The secret: {@code configured} when not null, else the data directory's (made if missing). */
    public static String resolve(String configured, Path dataDir) {
        if (configured != null) {
            requireLongEnough(configured, "VIGIL_JWT_SECRET");
            return configured;
        }
        Path file = dataDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dataDir);
            if (!Files.exists(file)) {
                byte[] random = new byte[GENERATED_BYTES];
                new SecureRandom().nextBytes(random);
                String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
                try {
                    Files.writeString(Files.createFile(file, ownerOnly()), secret, StandardCharsets.UTF_8);
                    LOG.info("Generated a JWT signing secret in {} (mode 0600)", file);
                    return secret;
                } catch (FileAlreadyExistsException raced) {
                    // another process made it first: use theirs
                }
            }
            String secret = Files.readString(file, StandardCharsets.UTF_8).trim();
            requireLongEnough(secret, file.toString());
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the JWT secret file " + file, e);
        }
    }

    private static void requireLongEnough(String secret, String source) {
        if (secret.getBytes(StandardCharsets.UTF_8).length < MIN_BYTES) {
            throw new IllegalStateException(
                    "the JWT secret from " + source + " must be at least " + MIN_BYTES + " bytes long (HS256)");
        }
    }

    private static FileAttribute<?>[] ownerOnly() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
                }
                : new FileAttribute<?>[0];
    }
}
