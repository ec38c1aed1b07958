package io.vigil.common.protect;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files and directories only their owner may read: key files and credentials (0600), the
 * directories holding them and Flink's checkpoints (0700). On a file system without POSIX
 * permissions the modes cannot be set or checked; the calls then do nothing.
 */
public final class OwnerOnlyFiles {
    private static final boolean POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private OwnerOnlyFiles() {}

    /** Creates the directory (and missing parents) and makes it 0700. */
    public static Path directory(Path dir) throws IOException {
        Files.createDirectories(dir);
        if (POSIX) {
            Files.setPosixFilePermissions(dir, DIRECTORY);
        }
        return dir;
    }

    /**
     * Writes the file so that it is never readable by others, not even for a moment: the bytes go
     * to a 0600 temporary file beside it, which then replaces the target atomically.
     */
    public static void write(Path file, byte[] content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = POSIX
                ? Files.createTempFile(dir, ".tmp-", "", PosixFilePermissions.asFileAttribute(FILE))
                : Files.createTempFile(dir, ".tmp-", "");
        try {
            Files.write(temp, content);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** {@link #write(Path, byte[])} for text, UTF-8. */
    public static Path write(Path file, String content) throws IOException {
        write(file, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return file;
    }

    /**
     * Refuses a secrets file that its group or others may read or write: a key that others can
     * read is no longer a secret, and one they can write is no longer ours.
     */
    public static void requireOwnerOnly(Path file) throws IOException {
        if (!POSIX) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        for (PosixFilePermission p : permissions) {
            if (p.name().startsWith("GROUP_") || p.name().startsWith("OTHERS_")) {
                throw new IOException(file + " is " + PosixFilePermissions.toString(permissions)
                        + ": a secrets file must be owner-only, readable by its owner only: chmod 600 " + file);
            }
        }
    }
}
