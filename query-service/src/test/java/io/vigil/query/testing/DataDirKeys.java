package io.vigil.query.testing;

import io.vigil.common.protect.FieldKeys;
import io.vigil.common.protect.OwnerOnlyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The field keys file where the service under test looks for it, in its data directory; made
 * before the server starts (from a test's properties), so it reads the keys from its first request.
 */
public final class DataDirKeys {
    private DataDirKeys() {}

    /** Generates the keys file (its directory owner-only, as the service demands) and returns its path. */
    public static Path create(Path dataDir) {
        Path file = FieldKeys.inDataDir(dataDir);
        try {
            OwnerOnlyFiles.directory(file.getParent());
            FieldKeys.generate(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** {@link #create}, then the keys, to write documents the way the job encrypts them. */
    public static FieldKeys createAndLoad(Path dataDir) {
        try {
            return FieldKeys.load(create(dataDir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
