package io.vigil.query.users;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that reads and writes {@code $VIGIL_DATA/users.json}, used by the server (logins,
 * the admin account) and by {@link UserAdminCommand} ({@code ./vigil user add}).
 *
 * <p>The file is read on every lookup, so a user added while the server runs can log in at
 * once. Writes take a lock file (the server and the command may run at the same time), write a
 * temporary file with mode 0600 in the same directory and move it over the old one atomically:
 * a reader sees the old or the new file, never half of one.
 */
public final class UserStore {
    public static final String FILE_NAME = "users.json";
    private static final String LOCK_NAME = "users.json.lock";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Logger LOG = LoggerFactory.getLogger(UserStore.class);
    private static final TypeReference<List<User>> USER_LIST = new TypeReference<>() {};

    private final Path dataDir;
    private final Path file;
    private final ObjectMapper mapper = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public UserStore(Path dataDir) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.file = this.dataDir.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    /** Every user, in file order; empty when the file does not exist yet. */
    public List<User> list() {
        try {
            byte[] bytes = Files.readAllBytes(file);
            tightenPermissions(file);
            return List.copyOf(mapper.readValue(bytes, USER_LIST));
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(file + " is not a valid users file: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public Optional<User> find(String username) {
        return list().stream().filter(u -> u.username().equals(username)).findFirst();
    }

    /**
     * Adds the user, or replaces the one with the same name.
     *
     * @return true when the user was added, false when an existing one was replaced
     */
    public boolean save(User user) {
        return locked(() -> {
            List<User> users = new ArrayList<>(list());
            boolean added = true;
            for (int i = 0; i < users.size(); i++) {
                if (users.get(i).username().equals(user.username())) {
                    users.set(i, user);
                    added = false;
                }
            }
            if (added) {
                users.add(user);
            }
            write(users);
            return added;
        });
    }

    private void write(List<User> users) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dataDir, ".users-", ".json.tmp", ownerOnly());
            Files.write(
                    tmp,
                    mapper.writeValueAsBytes(users),
                    StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.SYNC);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the original error matters more
                }
            }
        }
    }

    private <T> T locked(Supplier<T> action) {
        // FileLock guards against other processes; it is held per JVM, so threads queue here first.
        synchronized (UserStore.class) {
            try {
                Files.createDirectories(dataDir);
                Path lockFile = dataDir.resolve(LOCK_NAME);
                if (!Files.exists(lockFile)) {
                    try {
                        Files.createFile(lockFile, ownerOnly());
                    } catch (java.nio.file.FileAlreadyExistsException raced) {
                        // another process made it first
                    }
                }
                try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                        FileLock ignored = channel.lock()) {
                    return action.get();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot lock " + dataDir.resolve(LOCK_NAME), e);
            }
        }
    }

    static FileAttribute<?>[] ownerOnly() {
        return isPosix()
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
    }

    private static boolean isPosix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /** A users file readable by others (copied in by hand, say) is put back to 0600. */
    private static void tightenPermissions(Path path) throws IOException {
        if (isPosix() && !Files.getPosixFilePermissions(path).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(path, OWNER_ONLY);
            LOG.warn("{} was readable by others; its mode is now 0600", path);
        }
    }
}
